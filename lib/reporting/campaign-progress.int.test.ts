import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createDb, type Db } from "../db";
import { seedActivity } from "../seed/activity";
import { seedPortfolio } from "../seed/portfolio";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { campaignProgress, listCampaigns } from "./campaign-progress";

let database: TestDatabase;
let client: Db;
const asOf = new Date("2026-03-10T15:00:00Z");
let campaignId = "";

before(async () => {
  database = await createTestDatabase({ migrate: true });
  client = createDb(database.url, { max: 2 });
  await seedPortfolio(client, { accounts: 80, seed: 5, asOf });
  campaignId = (await seedActivity(client, { accounts: 80, seed: 5, asOf })).campaignId;
});

after(async () => {
  await client.$disconnect();
  await database.drop();
});

test("the funnel narrows stage by stage and matches the ledger", async () => {
  const progress = await campaignProgress(client, campaignId, asOf);
  assert.ok(progress);
  const f = progress.funnel;
  assert.equal(f.enrolled, await client.enrollment.count({ where: { campaignId } }));
  assert.equal(f.dialled, f.enrolled, "the seed dials every enrolled account");
  assert.ok(f.contacted <= f.dialled && f.promised <= f.contacted && f.contacted > 0);
  assert.equal(f.disputed, await client.enrollment.count({ where: { campaignId, journeyStatus: "DISPUTED" } }));
  assert.equal(Object.values(progress.journeys).reduce((a, b) => a + (b ?? 0), 0), f.enrolled);
  assert.equal(progress.callsLastHour, await client.callAttempt.count({ where: { enrollment: { campaignId }, placedAt: { gt: new Date(asOf.getTime() - 3_600_000), lte: asOf } } }));
});

test("a new call moves the live numbers", async () => {
  const before = await campaignProgress(client, campaignId, asOf);
  const enrollment = await client.enrollment.findFirstOrThrow({ where: { campaignId, journeyStatus: "WAITING_RETRY" }, include: { account: true } });
  await client.callAttempt.create({ data: { enrollmentId: enrollment.id, debtorId: enrollment.account.debtorId, phoneNumber: "+12125550111", idempotencyKey: "live-1", placedAt: new Date(asOf.getTime() - 60_000), outcome: "RIGHT_PARTY_CONTACT" } });
  const after = await campaignProgress(client, campaignId, asOf);
  assert.equal(after?.callsLastHour, (before?.callsLastHour ?? 0) + 1);
  assert.ok((after?.funnel.contacted ?? 0) >= (before?.funnel.contacted ?? 0));
  assert.equal(await campaignProgress(client, "missing"), null);
  assert.deepEqual((await listCampaigns(client)).map((c) => [c.id, c.enrollments]), [[campaignId, after?.funnel.enrolled]]);
});
