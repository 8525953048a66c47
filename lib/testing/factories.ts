import { randomBytes } from "node:crypto";
import type { Db, Tx } from "../db";
import type { Prisma } from "../generated/prisma/client";

/**
 * Test factories: unique rows with dialable defaults (a New York debtor with a consented mobile
 * and one active debt), overridden per test. Numbers stay in NANP's fictional 555-01XX range.
 */

type Client = Db | Tx;

function unique(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
}

export async function createDebtor(client: Client, overrides: Partial<Prisma.DebtorUncheckedCreateInput> = {}) {
  return client.debtor.create({
    data: {
      externalId: unique("D"),
      firstName: "Test",
      lastName: "Debtor",
      state: "NY",
      timeZoneCandidates: ["America/New_York"],
      ...overrides,
    },
  });
}

let phoneSequence = 0;

export async function createPhone(client: Client, debtorId: string, overrides: Partial<Prisma.PhoneUncheckedCreateInput> = {}) {
  phoneSequence += 1;
  return client.phone.create({
    data: {
      debtorId,
      // 100 distinct fictional numbers per process; pass `number` when a test shares a line on purpose.
      number: `+12125550${100 + (phoneSequence % 100)}`,
      lineType: "CELL",
      tcpaConsentAt: new Date("2024-01-01T00:00:00Z"),
      tcpaConsentSource: "credit application",
      source: "original creditor",
      ...overrides,
    },
  });
}

export async function createAccount(client: Client, debtorId: string, overrides: Partial<Prisma.AccountUncheckedCreateInput> = {}) {
  return client.account.create({
    data: {
      externalId: unique("A"),
      debtorId,
      creditor: "Northwind Bank",
      originalCreditor: "Northwind Bank Visa",
      balanceCents: 125_000,
      originalBalanceCents: 125_000,
      ...overrides,
    },
  });
}

/** A debtor with one phone and one account: the smallest dialable case. */
export async function createDialableDebtor(
  client: Client,
  overrides: { debtor?: Partial<Prisma.DebtorUncheckedCreateInput>; phone?: Partial<Prisma.PhoneUncheckedCreateInput>; account?: Partial<Prisma.AccountUncheckedCreateInput> } = {},
) {
  const debtor = await createDebtor(client, overrides.debtor);
  const phone = await createPhone(client, debtor.id, overrides.phone);
  const account = await createAccount(client, debtor.id, overrides.account);
  return { debtor, phone, account };
}
