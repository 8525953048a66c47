/**
 * The compliance simulation at 1,000 accounts over two virtual weeks (`npm run simulate` takes
 * other sizes; this is its own tier, run alone, since it keeps both cores busy): a thousand
 * journeys start at once at 08:00 in New York, the gate holds every time zone back until its own
 * 08:00, the campaign's concurrency and daily caps bind, and over the days that follow the rules
 * that span days — 7 calls in 7 days, the quiet period after a conversation, promises kept and
 * broken, attempts exhausted — over mixed personas, states (MA among them), line types and
 * consents. The independent auditor must find no violation and no duplicate dial, and every
 * journey must have ended or still be legitimately waiting.
 */
import { after, before, test } from "node:test";
import { createTestDatabase, type TestDatabase } from "../../lib/testing/database";
import { expectCompliantCampaign } from "./expect-compliant-campaign";
import { runSimulation } from "./run-simulation";

const ACCOUNTS = Number(process.env.SIMULATION_TEST_ACCOUNTS ?? 1_000);
let database: TestDatabase;

before(async () => {
  database = await createTestDatabase({ migrate: true });
});

after(async () => {
  await database?.drop();
});

test(`a ${ACCOUNTS}-account campaign over 14 virtual days breaks no rule and loses no journey`, { timeout: 1_800_000 }, async () => {
  expectCompliantCampaign(await runSimulation({ databaseUrl: database.url, accounts: ACCOUNTS, days: 14, seed: 1 }));
});
