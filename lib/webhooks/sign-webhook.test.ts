import assert from "node:assert/strict";
import { test } from "node:test";
import { signPayload, verifySignature } from "./sign-webhook";

const secret = "whsec_unit";
const body = '{"a":1}';

test("a signature verifies inside the window and fails outside it, on another body or secret", () => {
  const header = signPayload(secret, body, 1_000_000);
  assert.match(header, /^t=1000000,v1=[0-9a-f]{64}$/);
  assert.deepEqual(verifySignature(secret, body, header, 1_000_300), { ok: true });
  assert.deepEqual(verifySignature(secret, body, header, 1_000_301), { ok: false, reason: "expired" });
  assert.deepEqual(verifySignature(secret, body, header, 999_699), { ok: false, reason: "expired" });
  assert.deepEqual(verifySignature(secret, '{"a":2}', header, 1_000_000), { ok: false, reason: "mismatch" });
  assert.deepEqual(verifySignature("other", body, header, 1_000_000), { ok: false, reason: "mismatch" });
});

test("rotated secrets: any v1 entry may match; junk headers are malformed", () => {
  const good = signPayload(secret, body, 50).split(",")[1]!;
  assert.deepEqual(verifySignature(secret, body, `t=50,v1=${"0".repeat(64)},${good}`, 50), { ok: true });
  for (const header of ["", "t=50", "v1=abc", "t=x,v1=" + "0".repeat(64), "garbage"]) {
    assert.equal(verifySignature(secret, body, header || null, 50).ok, false, header);
  }
});
