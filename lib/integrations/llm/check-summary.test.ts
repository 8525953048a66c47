import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { CallSummaryFields, SummaryContext } from "../../contracts/call-summary";
import type { TranscriptInput } from "../../contracts/transcript";
import { summaryProblems } from "./check-summary";

const context: SummaryContext = { balanceCents: 50_000, callStartedAt: "2026-11-24T15:00:00.000Z", timeZone: "America/New_York" };
const transcript: TranscriptInput = { attemptId: "att_1", language: "en", segments: [{ speaker: "consumer", text: "Yes, this is me.", startMs: 0, endMs: 900 }] };
const promise: CallSummaryFields = {
  summary: "The consumer promised to pay.",
  outcome: "PROMISE_TO_PAY",
  rightPartyContact: true,
  promiseAmountCents: 10_000,
  promiseDate: "2026-12-01",
  dispute: false,
  ceaseRequest: false,
  callbackAt: null,
  hardship: false,
  sentiment: "positive",
  nextBestAction: "AWAIT_PAYMENT",
  confidence: 0.8,
};

const problems = (change: Partial<CallSummaryFields>, t: TranscriptInput = transcript) => summaryProblems({ ...promise, ...change }, t, context);

describe("summaryProblems", () => {
  test("a consistent promise has none", () => {
    assert.deepEqual(problems({}), []);
  });

  test("a promise above the balance", () => {
    assert.match(problems({ promiseAmountCents: 50_001 }).join(), /exceeds the balance 50000/);
    assert.deepEqual(problems({ promiseAmountCents: 50_000 }), []);
  });

  test("amount and date go together, and a promise needs both", () => {
    assert.match(problems({ promiseDate: null }).join(), /both or neither/);
    assert.match(problems({ promiseAmountCents: null, promiseDate: null }).join(), /PROMISE_TO_PAY needs/);
  });

  test("dates must be real, not before the call's local day, and within a year", () => {
    assert.match(problems({ promiseDate: "2026-02-30" }).join(), /not a calendar date/);
    assert.match(problems({ promiseDate: "2026-11-23" }).join(), /before the call/);
    assert.deepEqual(problems({ promiseDate: "2026-11-24" }), []);
    assert.match(problems({ promiseDate: "2028-01-01" }).join(), /more than 365 days/);
    assert.match(problems({ callbackAt: "2026-11-24T14:00:00Z" }).join(), /callbackAt .* before the call/);
    assert.match(problems({ callbackAt: "2027-02-01T14:00:00Z" }).join(), /more than 30 days/);
  });

  test("a payment cannot be read into words: PAID_ON_CALL needs the agent's payment disposition", () => {
    assert.match(problems({ outcome: "PAID_ON_CALL" }).join(), /without a payment recorded/);
    assert.deepEqual(problems({ outcome: "PAID_ON_CALL" }, { ...transcript, disposition: "PAID_ON_CALL" }), []);
  });

  test("outcomes that lower the call count must come from call signals", () => {
    const notCounted = { outcome: "BUSY" as const, promiseAmountCents: null, promiseDate: null, rightPartyContact: false };
    assert.match(problems(notCounted).join(), /not counted/);
    assert.deepEqual(problems(notCounted, { ...transcript, disposition: "BUSY" }), []);
  });

  test("a recorded stop request or dispute cannot be cleared", () => {
    assert.match(problems({}, { ...transcript, disposition: "CEASE_REQUEST" }).join(), /ceaseRequest must be true/);
    assert.match(problems({}, { ...transcript, disposition: "DISPUTE" }).join(), /dispute must be true/);
    assert.match(problems({ outcome: "CEASE_REQUEST" }).join(), /needs ceaseRequest/);
  });

  test("right-party flags agree with the outcome", () => {
    assert.match(problems({ rightPartyContact: false }).join(), /needs rightPartyContact/);
    assert.match(problems({ outcome: "WRONG_PARTY", promiseAmountCents: null, promiseDate: null }).join(), /contradicts rightPartyContact/);
  });
});
