import assert from "node:assert/strict";
import { before, test } from "node:test";
import { recordCallOutcome } from "../calls/record-outcome";
import { EVENT } from "../contracts/names";
import type { Db } from "../db";
import { moveJourney } from "../journey/move-journey";
import { createDialableDebtor } from "../testing/factories";
import { useMigratedDb } from "../testing/migrated-db";

const suite = useMigratedDb();
let db: Db;
before(async () => {
  db = await suite.ready();
});

const NOON = new Date("2026-12-01T17:00:00Z");

/** A campaign with `calls` calls in progress and `waiting` journeys queued for a line, a minute apart (oldest first). */
async function campaignAtCap(calls: number, waiting: number) {
  const campaign = await db.campaign.create({ data: { name: `cap ${calls}`, status: "RUNNING", strategy: {}, segment: {}, concurrency: Math.max(1, calls) } });
  const enroll = async () => {
    const { account, debtor, phone } = await createDialableDebtor(db);
    const enrollment = await db.enrollment.create({ data: { campaignId: campaign.id, accountId: account.id, journeyStatus: "QUEUED" } });
    return { enrollment, debtor, phone, account };
  };
  const attempts = [];
  for (let i = 0; i < calls; i++) {
    const { enrollment, debtor, phone, account } = await enroll();
    attempts.push(
      await db.callAttempt.create({
        data: { enrollmentId: enrollment.id, debtorId: debtor.id, phoneId: phone.id, phoneNumber: phone.number, direction: "OUTBOUND", idempotencyKey: `call-${enrollment.id}`, placedAt: NOON, debts: { create: [{ accountId: account.id }] } },
      }),
    );
  }
  const queued = [];
  for (let i = 0; i < waiting; i++) {
    const { enrollment } = await enroll();
    await moveJourney(db, enrollment.id, "WAITING_RETRY", { lineQueuedAt: new Date(NOON.getTime() + i * 60_000) });
    queued.push(enrollment.id);
  }
  return { attempts, queued };
}

const offersTo = async (enrollmentIds: string[]) =>
  (await db.outboxEvent.findMany({ where: { eventKey: EVENT.campaignLineFreed, aggregateId: { in: enrollmentIds } }, orderBy: { id: "asc" } })).map((o) => o.aggregateId);

test("calls ending at once offer their lines to different journeys, longest waiting first; a repeated outcome offers nothing more", async () => {
  const { attempts, queued } = await campaignAtCap(3, 4);
  await Promise.all(attempts.map((a) => recordCallOutcome(db, a.id, "NO_ANSWER", {}, { now: NOON })));
  assert.deepEqual((await offersTo(queued)).sort(), queued.slice(0, 3).sort());
  await recordCallOutcome(db, attempts[0]!.id, "VOICEMAIL", {}, { now: NOON });
  assert.equal((await offersTo(queued)).length, 3, "the first outcome stands, and its line was offered once");
  const left = await db.enrollment.findMany({ where: { id: { in: queued } }, select: { id: true, lineQueuedAt: true } });
  assert.deepEqual(left.filter((e) => e.lineQueuedAt).map((e) => e.id), [queued[3]]);
});

test("a journey that moved on since it queued is not offered a line", async () => {
  const { attempts, queued } = await campaignAtCap(1, 2);
  // The oldest in the queue was paid meanwhile: its move took it out of the queue.
  await moveJourney(db, queued[0]!, "PAID", { closedReason: "paid" });
  await recordCallOutcome(db, attempts[0]!.id, "BUSY", {}, { now: NOON });
  assert.deepEqual(await offersTo(queued), [queued[1]]);
});

test("a call outside any campaign frees no campaign line", async () => {
  const { queued } = await campaignAtCap(0, 1);
  const { debtor, phone, account } = await createDialableDebtor(db);
  const manual = await db.callAttempt.create({
    data: { debtorId: debtor.id, phoneId: phone.id, phoneNumber: phone.number, direction: "OUTBOUND", idempotencyKey: `manual-${debtor.id}`, placedAt: NOON, debts: { create: [{ accountId: account.id }] } },
  });
  await recordCallOutcome(db, manual.id, "NO_ANSWER", {}, { now: NOON });
  assert.deepEqual(await offersTo(queued), []);
});
