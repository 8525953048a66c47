/**
 * The compliance simulation over two virtual weeks (`npm run simulate` takes larger portfolios;
 * this is its own tier, run alone, since it keeps both cores busy): long enough for the rules
 * that span days — 7 calls in 7 days, the 7-day quiet period after a conversation, promises kept
 * and broken, attempts exhausted — over mixed personas, states (MA among them), time zones, line
 * types and consents. The launch-day file runs 1,000 accounts.
 */
import { after, before, test } from "node:test";
import { createTestDatabase, type TestDatabase } from "../../lib/testing/database";
import { expectCompliantCampaign } from "./expect-compliant-campaign";
import { runSimulation } from "./run-simulation";

const ACCOUNTS = Number(process.env.SIMULATION_TEST_ACCOUNTS ?? 120);
let database: TestDatabase;

before(async () => {
  database = await createTestDatabase({ migrate: true });
});

after(async () => {
  await database?.drop();
});

test(`a ${ACCOUNTS}-account campaign over 14 virtual days breaks no rule and loses no journey`, { timeout: 900_000 }, async () => {
  expectCompliantCampaign(await runSimulation({ databaseUrl: database.url, accounts: ACCOUNTS, days: 14, seed: 7 }));
});
