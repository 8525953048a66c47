/**
 * The compliance simulation at 1,000 accounts over the launch day: a thousand journeys start at
 * once at 08:00 in New York, the gate holds back every time zone until its own 08:00, the
 * campaign's concurrency cap and daily caps bind, and the day's retries follow. Its own process
 * (the SDK client is configured once per process); the two-weeks file covers the rules that span days.
 */
import { after, before, test } from "node:test";
import { createTestDatabase, type TestDatabase } from "../../lib/testing/database";
import { expectCompliantCampaign } from "./expect-compliant-campaign";
import { runSimulation } from "./run-simulation";

const ACCOUNTS = 1_000;
let database: TestDatabase;

before(async () => {
  database = await createTestDatabase({ migrate: true });
});

after(async () => {
  await database?.drop();
});

test(`a ${ACCOUNTS}-account campaign over its first virtual day breaks no rule and loses no journey`, { timeout: 1_200_000 }, async () => {
  expectCompliantCampaign(await runSimulation({ databaseUrl: database.url, accounts: ACCOUNTS, days: 1, seed: 1 }));
});
