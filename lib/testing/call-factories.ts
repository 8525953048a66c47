import { randomBytes } from "node:crypto";
import type { Db } from "../db";

/** Unique suffix: factories make rows that never collide within a database. */
const unique = () => randomBytes(5).toString("hex");

let nextNumber = Math.floor(Math.random() * 10_000);

/** A fictional +1 202 555 XXXX number, distinct from every other one this process made (up to 10,000). */
export function fictionalNumber(): string {
  nextNumber = (nextNumber + 1) % 10_000;
  return `+1202555${String(nextNumber).padStart(4, "0")}`;
}

export interface DebtorFixture {
  debtorId: string;
  phoneId: string;
  phoneNumber: string;
  accountIds: string[];
}

/** A debtor with one phone and `accounts` active accounts (one by default). */
export async function createDebtor(
  db: Db,
  overrides: { phoneNumber?: string; firstName?: string; postalCode?: string | null; accounts?: number; timeBarred?: boolean; language?: string } = {},
): Promise<DebtorFixture> {
  const tag = unique();
  const phoneNumber = overrides.phoneNumber ?? fictionalNumber();
  const debtor = await db.debtor.create({
    data: {
      externalId: `ext-${tag}`,
      firstName: overrides.firstName ?? "Maria",
      lastName: `Tester${tag.slice(0, 4)}`,
      language: overrides.language ?? "en",
      state: "NY",
      postalCode: overrides.postalCode === undefined ? "10001" : overrides.postalCode,
      timeZoneCandidates: ["America/New_York"],
      phones: { create: { number: phoneNumber, lineType: "LANDLINE" } },
    },
    include: { phones: true },
  });
  const accountIds: string[] = [];
  for (let i = 0; i < (overrides.accounts ?? 1); i++) {
    const account = await db.account.create({
      data: {
        externalId: `acct-${tag}-${i}`,
        debtorId: debtor.id,
        creditor: "Northwind Bank",
        balanceCents: 123_456,
        originalBalanceCents: 150_000,
        timeBarred: overrides.timeBarred ?? false,
      },
    });
    accountIds.push(account.id);
  }
  return { debtorId: debtor.id, phoneId: debtor.phones[0]!.id, phoneNumber, accountIds };
}

/** A placed outbound call attempt about every account of the fixture (Cmt. 14(b)(4)-1). */
export async function createCallAttempt(db: Db, fixture: DebtorFixture, overrides: { placedAt?: Date } = {}): Promise<string> {
  const attempt = await db.callAttempt.create({
    data: {
      debtorId: fixture.debtorId,
      phoneId: fixture.phoneId,
      phoneNumber: fixture.phoneNumber,
      idempotencyKey: `attempt-${unique()}`,
      placedAt: overrides.placedAt ?? new Date(),
      debts: { create: fixture.accountIds.map((accountId) => ({ accountId })) },
    },
  });
  return attempt.id;
}
