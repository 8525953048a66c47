import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AppError } from "../errors";
import { signTranscriptBody, verifyTranscriptSignature } from "./transcript-signature";

const secret = "0123456789abcdef0123";
const body = JSON.stringify({ attemptId: "a1", language: "en", segments: [] });
const now = 1_800_000_000;

function refusal(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, "UNAUTHENTICATED");
    return error.message;
  }
  assert.fail("expected the signature to be refused");
}

describe("transcript signatures", () => {
  test("a body signed now verifies", () => {
    verifyTranscriptSignature(secret, body, signTranscriptBody(secret, body, now), now + 2);
  });

  test("a changed body, another secret, a missing or malformed header are refused", () => {
    const header = signTranscriptBody(secret, body, now);
    assert.match(refusal(() => verifyTranscriptSignature(secret, `${body} `, header, now)), /does not match/);
    assert.match(refusal(() => verifyTranscriptSignature("another-secret-value", body, header, now)), /does not match/);
    assert.match(refusal(() => verifyTranscriptSignature(secret, body, null, now)), /Missing/);
    assert.match(refusal(() => verifyTranscriptSignature(secret, body, "v1=zz", now)), /Malformed/);
  });

  test("a post signed outside the five-minute window is a replay and is refused", () => {
    const header = signTranscriptBody(secret, body, now);
    assert.match(refusal(() => verifyTranscriptSignature(secret, body, header, now + 301)), /window/);
    // Moving the timestamp breaks the MAC.
    const moved = header.replace(`t=${now}`, `t=${now + 301}`);
    assert.match(refusal(() => verifyTranscriptSignature(secret, body, moved, now + 301)), /does not match/);
  });
});
