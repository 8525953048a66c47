import assert from "node:assert/strict";
import { test } from "node:test";
import { TRANSCRIPT_LIMITS, TranscriptInputSchema } from "./transcript";

const segment = (text: string, startMs = 0) => ({ speaker: "consumer" as const, text, startMs, endMs: startMs + 1_000 });

test("a transcript round-trips through JSON", () => {
  const transcript = { attemptId: "att_1", language: "en-US", disposition: "PROMISE_TO_PAY" as const, segments: [segment("I can pay $50 on Friday.")] };
  assert.deepEqual(TranscriptInputSchema.parse(JSON.parse(JSON.stringify(transcript))), transcript);
});

test("bounds: segment text, segment count, total characters, time order", () => {
  const base = { attemptId: "att_1", language: "en" };
  assert.equal(TranscriptInputSchema.safeParse({ ...base, segments: [segment("x".repeat(TRANSCRIPT_LIMITS.charsPerSegment + 1))] }).success, false);
  assert.equal(TranscriptInputSchema.safeParse({ ...base, segments: Array.from({ length: TRANSCRIPT_LIMITS.segments + 1 }, () => segment("hi")) }).success, false);
  const long = Array.from({ length: 51 }, () => segment("x".repeat(TRANSCRIPT_LIMITS.charsPerSegment)));
  assert.equal(TranscriptInputSchema.safeParse({ ...base, segments: long }).success, false, "51 x 4000 > 200k");
  assert.equal(TranscriptInputSchema.safeParse({ ...base, segments: long.slice(0, 50) }).success, true);
  assert.equal(TranscriptInputSchema.safeParse({ ...base, segments: [{ ...segment("hi"), startMs: 5_000, endMs: 10 }] }).success, false);
  assert.equal(TranscriptInputSchema.safeParse({ ...base, segments: [], extra: 1 }).success, true, "unknown keys are dropped, not kept");
});
