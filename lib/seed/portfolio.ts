import type { Db } from "../db";
import { buildPortfolio } from "./synthetic";

export interface SeedResult {
  debtors: number;
  phones: number;
  accounts: number;
}

const BATCH = 1_000;

/**
 * Inserts a synthetic portfolio in batches. Ids derive from the seed, so a second run with the
 * same seed adds nothing (skipDuplicates) and a larger `accounts` only adds the difference.
 */
export async function seedPortfolio(
  client: Db,
  options: { accounts: number; seed: number; asOf?: Date; onProgress?: (done: number, total: number) => void },
): Promise<SeedResult> {
  const portfolio = buildPortfolio({ accounts: options.accounts, seed: options.seed, asOf: options.asOf ?? new Date() });
  const created: SeedResult = { debtors: 0, phones: 0, accounts: 0 };
  const total = portfolio.debtors.length + portfolio.phones.length + portfolio.accounts.length;
  let done = 0;
  const insert = async <T>(rows: T[], write: (batch: T[]) => Promise<{ count: number }>, key: keyof SeedResult) => {
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      created[key] += (await write(batch)).count;
      done += batch.length;
      options.onProgress?.(done, total);
    }
  };
  // Parents first: phones and accounts reference debtors.
  await insert(portfolio.debtors, (data) => client.debtor.createMany({ data, skipDuplicates: true }), "debtors");
  await insert(portfolio.phones, (data) => client.phone.createMany({ data, skipDuplicates: true }), "phones");
  await insert(portfolio.accounts, (data) => client.account.createMany({ data, skipDuplicates: true }), "accounts");
  return created;
}
