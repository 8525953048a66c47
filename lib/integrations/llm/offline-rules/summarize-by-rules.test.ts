import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { CallOutcome } from "../../../contracts/call-outcome";
import { CallSummaryFieldsSchema, type SummaryContext } from "../../../contracts/call-summary";
import type { TranscriptInput } from "../../../contracts/transcript";
import { summaryProblems } from "../check-summary";
import { summarizeByRules } from "./summarize-by-rules";

// Tuesday 24 Nov 2026, 10:00 in New York.
const context: SummaryContext = { balanceCents: 50_000, callStartedAt: "2026-11-24T15:00:00.000Z", timeZone: "America/New_York" };

function call(lines: [("agent" | "consumer"), string][], disposition?: CallOutcome): TranscriptInput {
  return {
    attemptId: "att_1",
    language: "en",
    ...(disposition ? { disposition } : {}),
    segments: lines.map(([speaker, text], i) => ({ speaker, text, startMs: i * 4_000, endMs: i * 4_000 + 3_500 })),
  };
}

const VERIFY: [("agent" | "consumer"), string][] = [
  ["agent", "Hello, this is an automated assistant calling for Acme Recovery. May I speak with Jordan Lee?"],
  ["consumer", "Yes, this is me."],
  ["agent", "This call is from a debt collector. Your balance is $500.00."],
];

function summarize(transcript: TranscriptInput) {
  const fields = summarizeByRules(transcript, context);
  CallSummaryFieldsSchema.parse(fields);
  assert.deepEqual(summaryProblems(fields, transcript, context), [], "rules output passes the same checks as an LLM's");
  assert.match(fields.summary, /^\[Offline rules\]/);
  return fields;
}

describe("summarizeByRules", () => {
  test("a promise with an amount and a weekday becomes PROMISE_TO_PAY with cents and the next such date", () => {
    const s = summarize(call([...VERIFY, ["consumer", "I can pay $120.50 on Friday."]]));
    assert.equal(s.outcome, "PROMISE_TO_PAY");
    assert.equal(s.promiseAmountCents, 12_050);
    assert.equal(s.promiseDate, "2026-11-27");
    assert.equal(s.rightPartyContact, true);
    assert.equal(s.nextBestAction, "AWAIT_PAYMENT");
  });

  test("agreeing to the agent's proposal reads amount and date from the proposal", () => {
    const s = summarize(call([...VERIFY, ["agent", "Could you pay $200 by December 5th?"], ["consumer", "Yes, that works."]]));
    assert.equal(s.outcome, "PROMISE_TO_PAY");
    assert.equal(s.promiseAmountCents, 20_000);
    assert.equal(s.promiseDate, "2026-12-05");
  });

  test("a promise above the balance is not kept as a promise", () => {
    const s = summarize(call([...VERIFY, ["consumer", "I will pay $900 tomorrow."]]));
    assert.equal(s.promiseAmountCents, null);
    assert.notEqual(s.outcome, "PROMISE_TO_PAY");
  });

  test("a dispute", () => {
    const s = summarize(call([...VERIFY, ["consumer", "I don't owe this, it's not my account."]]));
    assert.equal(s.outcome, "DISPUTE");
    assert.equal(s.dispute, true);
    assert.equal(s.nextBestAction, "PAUSE_AND_SEND_DISPUTE_INFO");
  });

  test("stop calling wins over a dispute said in the same call", () => {
    const s = summarize(call([...VERIFY, ["consumer", "This isn't mine and stop calling me."]]));
    assert.equal(s.outcome, "CEASE_REQUEST");
    assert.equal(s.ceaseRequest, true);
    assert.equal(s.dispute, true);
    assert.equal(s.nextBestAction, "STOP_CALLING");
    assert.equal(s.sentiment, "negative");
  });

  test("\"don't call me at work\" is an inconvenient time, not a stop request", () => {
    const s = summarize(call([...VERIFY, ["consumer", "Don't call me at work."]]));
    assert.equal(s.outcome, "INCONVENIENT_TIME");
    assert.equal(s.ceaseRequest, false);
  });

  test("wrong party", () => {
    const s = summarize(call([["agent", "May I speak with Jordan Lee?"], ["consumer", "You have the wrong number, nobody by that name."]]));
    assert.equal(s.outcome, "WRONG_PARTY");
    assert.equal(s.rightPartyContact, false);
    assert.equal(s.nextBestAction, "FLAG_WRONG_NUMBER");
  });

  test("voicemail greeting", () => {
    const s = summarize(call([["consumer", "Hi, you've reached Jordan. Please leave a message after the tone."], ["agent", "This is Sam from Acme Recovery, please call us back at 555-0100."]]));
    assert.equal(s.outcome, "VOICEMAIL");
    assert.equal(s.rightPartyContact, false);
    assert.equal(s.nextBestAction, "RETRY_PER_CADENCE");
  });

  test("refusal", () => {
    const s = summarize(call([...VERIFY, ["consumer", "I'm not going to pay that."]]));
    assert.equal(s.outcome, "REFUSAL_TO_PAY");
    assert.equal(s.nextBestAction, "HUMAN_REVIEW");
  });

  test("callback tomorrow at 3 pm is an instant in the consumer's zone", () => {
    const s = summarize(call([...VERIFY, ["consumer", "It's not a good time, call me back tomorrow at 3 pm."]]));
    assert.equal(s.outcome, "CALLBACK_REQUESTED");
    assert.equal(s.callbackAt, "2026-11-25T20:00:00.000Z"); // 15:00 EST
    assert.equal(s.nextBestAction, "CALL_BACK_AS_REQUESTED");
  });

  test("callback at an hour already past today means tomorrow", () => {
    const s = summarize(call([...VERIFY, ["consumer", "Call me back at 9 am."]]));
    assert.equal(s.callbackAt, "2026-11-25T14:00:00.000Z");
  });

  test("hardship", () => {
    const s = summarize(call([...VERIFY, ["consumer", "I lost my job last month and I can't afford anything right now."]]));
    assert.equal(s.outcome, "RIGHT_PARTY_CONTACT");
    assert.equal(s.hardship, true);
    assert.equal(s.nextBestAction, "OFFER_HARDSHIP_PLAN");
  });

  test("attorney", () => {
    const s = summarize(call([...VERIFY, ["consumer", "Talk to my lawyer."]]));
    assert.equal(s.outcome, "ATTORNEY_REPRESENTED");
    assert.equal(s.nextBestAction, "CONTACT_ATTORNEY_ONLY");
  });

  test("the agent's disposition wins over phrases, and is reported as firmer", () => {
    const s = summarize(call([...VERIFY, ["consumer", "Okay."]], "PAID_ON_CALL"));
    assert.equal(s.outcome, "PAID_ON_CALL");
    assert.equal(s.confidence, 0.85);
    const silent = summarize(call([], "NO_ANSWER"));
    assert.equal(silent.outcome, "NO_ANSWER");
  });

  test("a recorded promise whose amount cannot be read goes to a person", () => {
    const s = summarize(call([...VERIFY, ["consumer", "I'll pay something soon."]], "PROMISE_TO_PAY"));
    assert.equal(s.outcome, "RIGHT_PARTY_CONTACT");
    assert.equal(s.nextBestAction, "HUMAN_REVIEW");
    assert.match(s.summary, /could not be read/);
  });

  test("nothing recognisable is an unverified person with low confidence", () => {
    const s = summarize(call([["agent", "May I speak with Jordan Lee?"], ["consumer", "Who is this?"]]));
    assert.equal(s.outcome, "UNVERIFIED_PERSON");
    assert.equal(s.confidence, 0.4);
  });

  test("is deterministic", () => {
    const transcript = call([...VERIFY, ["consumer", "I can pay $50 on the 15th."]]);
    assert.deepEqual(summarizeByRules(transcript, context), summarizeByRules(transcript, context));
    assert.equal(summarizeByRules(transcript, context).promiseDate, "2026-12-15");
  });
});
