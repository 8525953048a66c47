import assert from "node:assert/strict";
import { test } from "node:test";
import { AppError } from "../../errors";
import { createFakeSummarizer } from "./fake";

test("the fake answers from its script, then from the offline rules, and logs every call", async () => {
  const fake = createFakeSummarizer();
  const context = { balanceCents: 100, callStartedAt: "2026-11-24T15:00:00.000Z", timeZone: "UTC" };
  const transcript = { attemptId: "a", language: "en", segments: [{ speaker: "consumer" as const, text: "Stop calling me.", startMs: 0, endMs: 1 }] };
  fake.script(new AppError("UPSTREAM_UNAVAILABLE", "down"));
  await assert.rejects(fake.summarizeCall(transcript, context), /down/);
  const result = await fake.summarizeCall(transcript, context);
  assert.equal(result.outcome, "CEASE_REQUEST");
  assert.equal(fake.calls.length, 2);
});
