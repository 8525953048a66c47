import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { Db } from "../db";
import { useMigratedDb } from "../testing/migrated-db";
import { createDialableDebtor } from "../testing/factories";
import { LINE_QUEUE_FALLBACK_MS } from "../campaigns/line-queue";
import { recordCallOutcome } from "../calls/record-outcome";
import { EVENT, SCOPE } from "../contracts/names";
import { planJourneyStep } from "./plan-step";

const suite = useMigratedDb();
let db: Db;
before(async () => {
  db = await suite.ready();
});

// A Tuesday, 15:00 in New York: inside the calling window.
const clock = () => new Date("2026-12-01T20:00:00Z");

test("a plan step retried after its first try reserved a dial gets the same attempt, not a cadence wait", async () => {
  const { account } = await createDialableDebtor(db);
  const campaign = await db.campaign.create({ data: { name: "retried plan", status: "RUNNING", strategy: { maxAttempts: 3, retryDelayHours: 24 }, segment: {} } });
  const enrollment = await db.enrollment.create({ data: { campaignId: campaign.id, accountId: account.id } });
  const first = await planJourneyStep(db, { enrollmentId: enrollment.id, step: 1 }, { clock, gateUsesClock: true });
  assert.equal(first.action, "dial");
  // The worker was lost before the engine heard the answer: the same step runs again.
  const again = await planJourneyStep(db, { enrollmentId: enrollment.id, step: 1 }, { clock, gateUsesClock: true });
  assert.deepEqual(again, first);
  assert.equal(await db.callAttempt.count({ where: { enrollmentId: enrollment.id } }), 1);
  assert.equal(await db.complianceDecision.count({ where: { enrollmentId: enrollment.id } }), 1, "the gate decided once");
  assert.equal((await db.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } })).journeyStatus, "DIALING");
});

test("a payment taken on the call holds the journey three days for its confirmation, even on the last attempt; unconfirmed, it goes on", async () => {
  const { account } = await createDialableDebtor(db);
  const campaign = await db.campaign.create({ data: { name: "paid on call", status: "RUNNING", strategy: { maxAttempts: 1, retryDelayHours: 24 }, segment: {} } });
  const enrollment = await db.enrollment.create({ data: { campaignId: campaign.id, accountId: account.id } });
  const dial = await planJourneyStep(db, { enrollmentId: enrollment.id, step: 1 }, { clock, gateUsesClock: true });
  assert.ok(dial.action === "dial");
  await db.callAttempt.update({ where: { id: dial.attemptId }, data: { outcome: "PAID_ON_CALL", answeredAt: clock(), endedAt: clock(), conversation: true } });
  await db.enrollment.update({ where: { id: enrollment.id }, data: { journeyStatus: "SUMMARIZING" } });

  const held = await planJourneyStep(db, { enrollmentId: enrollment.id, step: 2 }, { clock: () => new Date(clock().getTime() + 3_600_000), gateUsesClock: true });
  assert.equal(held.action, "wait");
  assert.equal(held.action === "wait" && held.waitSeconds, 71 * 3_600);
  assert.equal((await db.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } })).journeyStatus, "WAITING_PAYMENT");

  // No confirmation within the window: the last attempt was used, so a human takes it over.
  const later = await planJourneyStep(db, { enrollmentId: enrollment.id, step: 3 }, { clock: () => new Date(clock().getTime() + 73 * 3_600_000), gateUsesClock: true });
  assert.equal(later.action, "end");
  assert.equal(later.action === "end" && later.status, "EXHAUSTED");
});

test("a new journey at its campaign's call cap queues for a line: no attempt, status and decision as if it never wrote one; the first call's end offers it the line", async () => {
  const campaign = await db.campaign.create({ data: { name: "at the cap", status: "RUNNING", strategy: { maxAttempts: 3, retryDelayHours: 24 }, segment: {}, concurrency: 1 } });
  const enroll = async () => {
    const { account } = await createDialableDebtor(db);
    return db.enrollment.create({ data: { campaignId: campaign.id, accountId: account.id } });
  };
  const [first, second, third] = [await enroll(), await enroll(), await enroll()];
  const dial = await planJourneyStep(db, { enrollmentId: first.id, step: 1 }, { clock, gateUsesClock: true });
  assert.ok(dial.action === "dial");
  // The second dial wrote its attempt and DIALING, counted two calls against a cap of one, rolled
  // both back and planned the wait from PENDING as a first decision does (through QUEUED).
  const held = await planJourneyStep(db, { enrollmentId: second.id, step: 1 }, { clock, gateUsesClock: true });
  assert.ok(held.action === "wait");
  assert.equal(held.lineQueued, true, "a freed line ends the wait");
  assert.equal(held.waitSeconds, LINE_QUEUE_FALLBACK_MS / 1000, "without a freed line it looks again on its own");
  const after = await db.enrollment.findUniqueOrThrow({ where: { id: second.id } });
  assert.equal(after.journeyStatus, "WAITING_RETRY");
  assert.equal(after.attemptsMade, 0);
  assert.deepEqual(after.lineQueuedAt, clock());
  assert.equal(await db.callAttempt.count({ where: { enrollmentId: second.id } }), 0);
  assert.deepEqual((await db.complianceDecision.findMany({ where: { enrollmentId: second.id }, select: { decision: true } })).map((d) => d.decision), ["DENY"]);

  // A third joins later; the second, held again before any line freed, keeps its place.
  const later = () => new Date(clock().getTime() + 60_000);
  assert.equal((await planJourneyStep(db, { enrollmentId: third.id, step: 1 }, { clock: later, gateUsesClock: true })).action, "wait");
  assert.equal((await planJourneyStep(db, { enrollmentId: second.id, step: 2 }, { clock: later, gateUsesClock: true })).action, "wait");
  assert.deepEqual((await db.enrollment.findUniqueOrThrow({ where: { id: second.id } })).lineQueuedAt, clock());

  // The first call ends: its line goes to the second (waiting longest), through the outbox.
  await recordCallOutcome(db, dial.attemptId, "NO_ANSWER", {}, { now: later() });
  const offers = await db.outboxEvent.findMany({ where: { eventKey: EVENT.campaignLineFreed } });
  assert.deepEqual(offers.map((o) => o.scope), [SCOPE.enrollment(second.id)]);
  assert.equal((await db.enrollment.findUniqueOrThrow({ where: { id: second.id } })).lineQueuedAt, null, "out of the queue once offered a line");
  assert.notEqual((await db.enrollment.findUniqueOrThrow({ where: { id: third.id } })).lineQueuedAt, null);
  const woken = await planJourneyStep(db, { enrollmentId: second.id, step: 3 }, { clock: later, gateUsesClock: true });
  assert.equal(woken.action, "dial");
});
