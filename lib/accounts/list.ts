import type { Db } from "../db";
import type { AccountStatus, Prisma } from "../generated/prisma/client";

export interface AccountRow {
  id: string;
  externalId: string;
  debtorName: string;
  creditor: string;
  balanceCents: number;
  status: AccountStatus;
  flags: string[];
  lastCallAt: string | null;
}

export const ACCOUNT_STATUSES: readonly AccountStatus[] = ["ACTIVE", "PAID", "SETTLED", "DISPUTED", "CEASED", "CLOSED", "RECALLED"];

/** The flags an operator must see before acting on an account, shortest words first. */
export function accountFlags(account: { timeBarred: boolean; disputePendingAt: Date | null }, debtor: { ceaseCommunicationAt: Date | null; stopCallingAt: Date | null; attorneyRepresentedAt: Date | null; bankruptcyAt: Date | null; deceasedAt: Date | null; doNotCall: boolean }): string[] {
  const flags: string[] = [];
  if (account.disputePendingAt) flags.push("dispute pending");
  if (debtor.ceaseCommunicationAt) flags.push("cease communication");
  if (debtor.stopCallingAt) flags.push("stop calling");
  if (debtor.doNotCall) flags.push("do not call");
  if (debtor.attorneyRepresentedAt) flags.push("attorney");
  if (debtor.bankruptcyAt) flags.push("bankruptcy");
  if (debtor.deceasedAt) flags.push("deceased");
  if (account.timeBarred) flags.push("time-barred");
  return flags;
}

/** One page of accounts, filtered by a search (name, account or debtor reference) and a status. */
export async function listAccounts(
  client: Db,
  options: { query?: string; status?: AccountStatus; page?: number; pageSize?: number },
): Promise<{ rows: AccountRow[]; total: number; page: number; pageSize: number }> {
  const pageSize = Math.min(Math.max(options.pageSize ?? 25, 1), 100);
  const page = Math.max(options.page ?? 1, 1);
  const q = options.query?.trim();
  const where: Prisma.AccountWhereInput = {
    ...(options.status ? { status: options.status } : {}),
    ...(q
      ? {
          OR: [
            { externalId: { contains: q, mode: "insensitive" } },
            { debtor: { externalId: { contains: q, mode: "insensitive" } } },
            { debtor: { lastName: { contains: q, mode: "insensitive" } } },
            { debtor: { firstName: { contains: q, mode: "insensitive" } } },
          ],
        }
      : {}),
  };
  const [total, accounts] = await Promise.all([
    client.account.count({ where }),
    client.account.findMany({
      where,
      include: { debtor: true, attemptDebts: { orderBy: { attempt: { placedAt: "desc" } }, take: 1, include: { attempt: { select: { placedAt: true } } } } },
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
  ]);
  return {
    total,
    page,
    pageSize,
    rows: accounts.map((a) => ({
      id: a.id,
      externalId: a.externalId,
      debtorName: `${a.debtor.firstName} ${a.debtor.lastName}`,
      creditor: a.creditor,
      balanceCents: a.balanceCents,
      status: a.status,
      flags: accountFlags(a, a.debtor),
      lastCallAt: a.attemptDebts[0]?.attempt.placedAt.toISOString() ?? null,
    })),
  };
}
