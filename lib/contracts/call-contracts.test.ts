import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CallDispatchMetadataSchema } from "./call-dispatch";
import { CallEndedPayloadSchema, TranscriptReceivedPayloadSchema } from "./call-events";
import { TranscriptInputSchema } from "./transcript";

const roundTrip = <T>(schema: { parse(v: unknown): T }, value: T) => assert.deepEqual(schema.parse(JSON.parse(JSON.stringify(value))), value);

describe("call contracts are JSON-round-trippable (STYLE.md §4)", () => {
  test("transcript input, call events and dispatch metadata survive JSON unchanged", () => {
    roundTrip(TranscriptInputSchema, { attemptId: "a1", language: "en-US", disposition: "PROMISE_TO_PAY", segments: [{ speaker: "agent", text: "Hello.", startMs: 0, endMs: 700 }] });
    roundTrip(CallEndedPayloadSchema, { attemptId: "a1", roomName: "recourse-call-a1", endedAt: "2026-11-01T15:00:00.000Z", answeredAt: null, sipStatus: 486, outcome: "BUSY", source: "dial" });
    roundTrip(TranscriptReceivedPayloadSchema, { attemptId: "a1", transcriptId: "t1", language: "en", disposition: null, segments: 3 });
    roundTrip(CallDispatchMetadataSchema, {
      attemptId: "a1",
      account: { debtorId: "d1", firstName: "Ana", lastName: "Diaz", postalCode: null, accounts: [{ accountId: "c1", creditor: "Northwind", balanceCents: 100, currency: "USD", timeBarred: false }] },
      script: { id: "s", language: "en", businessName: "Acme", callbackNumber: "+15555550100" },
      disclosures: { aiVoice: true, recordingNotice: true, miniMiranda: "initial" },
    });
  });

  test("a segment ending before it starts, or an unknown speaker, is refused", () => {
    assert.equal(TranscriptInputSchema.safeParse({ attemptId: "a", language: "en", segments: [{ speaker: "agent", text: "x", startMs: 10, endMs: 5 }] }).success, false);
    assert.equal(TranscriptInputSchema.safeParse({ attemptId: "a", language: "en", segments: [{ speaker: "bot", text: "x", startMs: 0, endMs: 5 }] }).success, false);
  });
});
