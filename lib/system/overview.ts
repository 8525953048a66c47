import type { Db } from "../db";

export interface PortfolioOverview {
  debtors: number;
  accounts: number;
  activeAccounts: number;
  balanceCents: number;
  timeBarredAccounts: number;
  campaigns: { total: number; running: number };
  phones: { total: number; cellWithoutConsent: number };
}

/** The numbers on the console's front page, read in one round of parallel counts. */
export async function portfolioOverview(client: Db): Promise<PortfolioOverview> {
  const [debtors, accounts, activeAccounts, balance, timeBarredAccounts, campaigns, running, phones, cellWithoutConsent] = await Promise.all([
    client.debtor.count(),
    client.account.count(),
    client.account.count({ where: { status: "ACTIVE" } }),
    client.account.aggregate({ _sum: { balanceCents: true }, where: { status: "ACTIVE" } }),
    client.account.count({ where: { timeBarred: true } }),
    client.campaign.count(),
    client.campaign.count({ where: { status: "RUNNING" } }),
    client.phone.count(),
    client.phone.count({ where: { lineType: { in: ["CELL", "UNKNOWN"] }, tcpaConsentAt: null } }),
  ]);
  return {
    debtors,
    accounts,
    activeAccounts,
    balanceCents: balance._sum.balanceCents ?? 0,
    timeBarredAccounts,
    campaigns: { total: campaigns, running },
    phones: { total: phones, cellWithoutConsent },
  };
}
