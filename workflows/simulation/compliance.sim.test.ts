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
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createTestDatabase, type TestDatabase } from "../../lib/testing/database";
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
  const report = await runSimulation({ databaseUrl: database.url, accounts: ACCOUNTS, days: 14, seed: 1 });
  console.log(`simulation: ${JSON.stringify({ ...report, audit: { attempts: report.audit.attempts, decisions: report.audit.decisions, violations: report.audit.violations.length } })}`);
  assert.deepEqual(report.audit.violations, [], "the auditor found no violation");
  assert.equal(report.lostJourneys, 0, "every journey ended or is still waiting");
  assert.ok(report.dials >= ACCOUNTS / 2, `calls were placed (${report.dials})`);
  assert.equal(report.audit.attempts, report.dials, "the auditor read every attempt");
  assert.ok(report.denials > 0, "the gate blocked some dials, each with a reason (checked by the auditor)");
  const terminal = ["PAID", "CLOSED", "DISPUTED", "CEASED", "ESCALATED", "EXHAUSTED"].reduce((sum, s) => sum + (report.journeys[s] ?? 0), 0);
  assert.ok(terminal > 0, `some journeys finished: ${JSON.stringify(report.journeys)}`);
});
