import assert from "node:assert/strict";
import { test } from "node:test";
import { CallSummaryResultSchema, SummaryContextSchema } from "./call-summary";

const result = {
  summary: "[Offline rules] The consumer promised to pay.",
  outcome: "PROMISE_TO_PAY",
  rightPartyContact: true,
  promiseAmountCents: 12_050,
  promiseDate: "2026-11-27",
  dispute: false,
  ceaseRequest: false,
  callbackAt: null,
  hardship: false,
  sentiment: "positive",
  nextBestAction: "AWAIT_PAYMENT",
  confidence: 0.6,
  source: "OFFLINE_RULES",
  model: null,
  usage: null,
  costMicros: 0,
};

test("a summary result round-trips through JSON (it is a task output)", () => {
  assert.deepEqual(CallSummaryResultSchema.parse(JSON.parse(JSON.stringify(result))), result);
});

test("closed: no extra fields, enum outcomes and actions, integer cents", () => {
  assert.equal(CallSummaryResultSchema.safeParse({ ...result, refund: 100 }).success, false);
  assert.equal(CallSummaryResultSchema.safeParse({ ...result, outcome: "REFUND_ISSUED" }).success, false);
  assert.equal(CallSummaryResultSchema.safeParse({ ...result, nextBestAction: "ISSUE_REFUND" }).success, false);
  assert.equal(CallSummaryResultSchema.safeParse({ ...result, promiseAmountCents: 120.5 }).success, false);
  assert.equal(CallSummaryResultSchema.safeParse({ ...result, promiseDate: "next friday" }).success, false);
});

test("the context wants a real IANA zone", () => {
  const context = { balanceCents: 100, callStartedAt: "2026-11-24T15:00:00Z", timeZone: "America/Chicago" };
  assert.equal(SummaryContextSchema.safeParse(context).success, true);
  assert.equal(SummaryContextSchema.safeParse({ ...context, timeZone: "Mars/Olympus" }).success, false);
});
