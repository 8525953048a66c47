import assert from "node:assert/strict";
import { before, test } from "node:test";
import { transaction, type Db } from "../db";
import { createDialableDebtor } from "../testing/factories";
import { useMigratedDb } from "../testing/migrated-db";
import { moveJourney } from "./move-journey";
import { IllegalTransitionError } from "./status";

const suite = useMigratedDb();
let db: Db;
before(async () => {
  db = await suite.ready();
});

async function enrollment() {
  const { account } = await createDialableDebtor(db);
  const campaign = await db.campaign.create({ data: { name: "moves", status: "RUNNING", strategy: {}, segment: {} } });
  return db.enrollment.create({ data: { campaignId: campaign.id, accountId: account.id } });
}
const statusOf = async (id: string) => (await db.enrollment.findUniqueOrThrow({ where: { id } })).journeyStatus;

test("a legal move applies with its fields; staying put updates only the fields", async () => {
  const { id } = await enrollment();
  assert.equal(await transaction(db, "t", (tx) => moveJourney(tx, id, "QUEUED")), true);
  const at = new Date("2026-12-03T15:00:00Z");
  assert.equal(await transaction(db, "t", (tx) => moveJourney(tx, id, "WAITING_RETRY", { nextActionAt: at })), true);
  assert.equal(await transaction(db, "t", (tx) => moveJourney(tx, id, "WAITING_RETRY", { attemptsMade: 2 })), true);
  const row = await db.enrollment.findUniqueOrThrow({ where: { id } });
  assert.deepEqual([row.journeyStatus, row.nextActionAt?.toISOString(), row.attemptsMade], ["WAITING_RETRY", at.toISOString(), 2]);
});

test("an illegal move throws and changes nothing; a finished journey is never moved again", async () => {
  const { id } = await enrollment();
  await assert.rejects(transaction(db, "t", (tx) => moveJourney(tx, id, "SUMMARIZING")), IllegalTransitionError);
  assert.equal(await statusOf(id), "PENDING");
  assert.equal(await transaction(db, "t", (tx) => moveJourney(tx, id, "PAID", { closedReason: "paid" })), true);
  assert.equal(await transaction(db, "t", (tx) => moveJourney(tx, id, "WAITING_RETRY", { closedReason: "overwritten" })), false);
  const row = await db.enrollment.findUniqueOrThrow({ where: { id } });
  assert.deepEqual([row.journeyStatus, row.closedReason], ["PAID", "paid"]);
  await assert.rejects(transaction(db, "t", (tx) => moveJourney(tx, "no-such-enrollment", "QUEUED")), /not found/);
});
