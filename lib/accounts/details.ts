import type { Db } from "../db";
import { accountFlags } from "./list";

/** An account with its debtor, phones (with consent state) and campaign enrollments; null when unknown. */
export async function accountDetails(client: Db, accountId: string) {
  const account = await client.account.findUnique({
    where: { id: accountId },
    include: {
      debtor: { include: { phones: { orderBy: { priority: "asc" } }, accounts: { select: { id: true, externalId: true, status: true, balanceCents: true } } } },
      enrollments: { include: { campaign: { select: { id: true, name: true, status: true } } }, orderBy: { createdAt: "desc" } },
    },
  });
  if (!account) return null;
  return { ...account, flags: accountFlags(account, account.debtor) };
}

export type AccountDetails = NonNullable<Awaited<ReturnType<typeof accountDetails>>>;
