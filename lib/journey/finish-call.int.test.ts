import assert from "node:assert/strict";
import { before, test } from "node:test";
import { recordCallSummary } from "../calls/record-call-summary";
import type { CallSummaryResult } from "../contracts/call-summary";
import type { Db } from "../db";
import type { CallSummarizer } from "../integrations/llm/port";
import { createCallAttempt, createDebtor } from "../testing/call-factories";
import { useMigratedDb } from "../testing/migrated-db";
import { finishCall } from "./finish-call";

const suite = useMigratedDb();
let db: Db;
before(async () => {
  db = await suite.ready();
});

const PROMISE: CallSummaryResult = {
  summary: "The consumer promised to pay 50.00 on December 15.",
  outcome: "PROMISE_TO_PAY",
  rightPartyContact: true,
  promiseAmountCents: 5_000,
  promiseDate: "2026-12-15",
  dispute: false,
  ceaseRequest: false,
  callbackAt: "2026-12-14T15:30:00.000Z",
  hardship: false,
  sentiment: "neutral",
  nextBestAction: "AWAIT_PAYMENT",
  confidence: 0.9,
  source: "OFFLINE_RULES",
  model: null,
  usage: null,
  costMicros: null,
};

/** A summarizer that counts how often it is asked. */
function countingSummarizer(result: CallSummaryResult): CallSummarizer & { calls: number } {
  return {
    source: "OFFLINE_RULES",
    calls: 0,
    async summarizeCall() {
      this.calls += 1;
      return result;
    },
  };
}

test("a finish retried after its summary was stored reuses it: one model call, the promise recorded once with its calendar day", async () => {
  const fixture = await createDebtor(db);
  const attemptId = await createCallAttempt(db, fixture);
  const at = new Date("2026-12-08T16:00:00Z");
  await db.callAttempt.update({ where: { id: attemptId }, data: { answeredAt: at, endedAt: new Date(at.getTime() + 120_000) } });
  await db.transcript.create({
    data: { attemptId, language: "en", segments: [{ speaker: "consumer", text: "I will pay fifty dollars on the fifteenth.", startMs: 0, endMs: 2_000 }] },
  });
  const summarizer = countingSummarizer(PROMISE);
  // The first try stored its summary, then its worker was lost before the promise was written.
  await recordCallSummary(db, attemptId, PROMISE);

  const finished = await finishCall(db, summarizer, attemptId, { now: at });
  assert.deepEqual(finished, { outcome: "PROMISE_TO_PAY", summarized: true });
  assert.equal(summarizer.calls, 0, "the stored summary was used");
  const promises = await db.promiseToPay.findMany({ where: { attemptId } });
  assert.deepEqual(promises.map((p) => [p.amountCents, p.dueDate.toISOString(), p.accountId]), [[5_000, "2026-12-15T00:00:00.000Z", fixture.accountIds[0]]]);
  // Once more: nothing new.
  assert.deepEqual(await finishCall(db, summarizer, attemptId, { now: at }), { outcome: "PROMISE_TO_PAY", summarized: true });
  assert.equal(await db.promiseToPay.count({ where: { attemptId } }), 1);
  assert.equal(summarizer.calls, 0);
});

test("a fresh finish summarizes once with the call's balance and the person's zone", async () => {
  const fixture = await createDebtor(db, { accounts: 2 });
  const attemptId = await createCallAttempt(db, fixture);
  const at = new Date("2026-12-08T16:00:00Z");
  await db.callAttempt.update({ where: { id: attemptId }, data: { answeredAt: at, endedAt: at } });
  await db.transcript.create({ data: { attemptId, language: "en", segments: [{ speaker: "consumer", text: "Call me later.", startMs: 0, endMs: 1_000 }] } });
  const contexts: unknown[] = [];
  const summarizer: CallSummarizer = {
    source: "OFFLINE_RULES",
    async summarizeCall(_transcript, context) {
      contexts.push(context);
      return { ...PROMISE, outcome: "NO_ANSWER", promiseAmountCents: null, promiseDate: null, callbackAt: null };
    },
  };
  assert.deepEqual(await finishCall(db, summarizer, attemptId, { now: at }), { outcome: "NO_ANSWER", summarized: true });
  assert.deepEqual(contexts, [{ balanceCents: 2 * 123_456, callStartedAt: at.toISOString(), timeZone: "America/New_York" }]);
  assert.equal(await db.callSummary.count({ where: { attemptId } }), 1);
});

test("a stored callback summary reused by a retry opens the consent window until the instant asked for", async () => {
  const fixture = await createDebtor(db);
  const attemptId = await createCallAttempt(db, fixture);
  const at = new Date("2026-12-08T16:00:00Z");
  await db.callAttempt.update({ where: { id: attemptId }, data: { answeredAt: at, endedAt: at } });
  await db.transcript.create({ data: { attemptId, language: "en", segments: [{ speaker: "consumer", text: "Call me Monday afternoon.", startMs: 0, endMs: 1_000 }] } });
  await recordCallSummary(db, attemptId, { ...PROMISE, outcome: "CALLBACK_REQUESTED", promiseAmountCents: null, promiseDate: null, nextBestAction: "CALL_BACK_AS_REQUESTED" });
  const summarizer = countingSummarizer(PROMISE);
  assert.deepEqual(await finishCall(db, summarizer, attemptId, { now: at }), { outcome: "CALLBACK_REQUESTED", summarized: true });
  assert.equal(summarizer.calls, 0);
  const account = await db.account.findUniqueOrThrow({ where: { id: fixture.accountIds[0]! } });
  assert.equal(account.callConsentEndsAt?.toISOString(), "2026-12-14T15:30:00.000Z");
});
