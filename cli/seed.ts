import { createDb } from "@/lib/db";
import { seedActivity } from "@/lib/seed/activity";
import { seedPortfolio } from "@/lib/seed/portfolio";
import { withMigratedDatabase } from "./with-database";

/**
 * `npm run seed -- --accounts N [--seed S] [--activity]`: a reproducible synthetic portfolio, with a progress bar;
 * `--activity` adds a campaign with 30 days of calls, promises, payments and compliance decisions over it.
 */
export async function seed(options: { accounts: number; seed: number; activity?: boolean }): Promise<void> {
  if (!Number.isInteger(options.accounts) || options.accounts < 1 || options.accounts > 1_000_000) {
    throw new Error("--accounts must be a whole number from 1 to 1,000,000");
  }
  if (!Number.isInteger(options.seed)) throw new Error("--seed must be a whole number");
  await withMigratedDatabase(async (url) => {
    const client = createDb(url);
    const started = performance.now();
    try {
      const result = await seedPortfolio(client, { accounts: options.accounts, seed: options.seed, onProgress: progressBar });
      process.stdout.write("\n");
      if (options.activity) console.log(`activity ${JSON.stringify(await seedActivity(client, { accounts: options.accounts, seed: options.seed }))}`);
      console.log(`seeded ${JSON.stringify(result)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    } finally {
      await client.$disconnect();
    }
  });
}

function progressBar(done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  const bar = `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
  if (process.stdout.isTTY) process.stdout.write(`\r${bar} ${done}/${total}`);
  else if (done === total || done % Math.max(1, Math.floor(total / 10)) === 0) process.stdout.write(`${bar} ${done}/${total}\n`);
}
