import assert from "node:assert/strict";
import { test } from "node:test";
import { IdempotencyMethod } from "@hatchet-dev/typescript-sdk/protoc/v1/workflows";
import { EngineError } from "./errors";
import { idempotencyKey, idempotencyOf } from "./idempotency";

test("the SDK's idempotency settings: TTL by default, STATUS with its fallback TTL", () => {
  assert.deepEqual(idempotencyOf({ expression: "input.id", ttlMs: 60_000 }), { expression: "input.id", ttlMs: 60_000, method: "TTL" });
  assert.deepEqual(idempotencyOf({ expression: "input.id", ttlMs: 10_000, method: IdempotencyMethod.STATUS }), { expression: "input.id", ttlMs: 10_000, method: "STATUS" });
  assert.throws(() => idempotencyOf({ expression: "input.id", ttlMs: 0 }), EngineError);
});

test("keys come from CEL over input and metadata; Hatchet's reserved prefix and non-keys are refused", () => {
  const config = idempotencyOf({ expression: "input.id + ':' + additional_metadata.tenant", ttlMs: 1 });
  assert.equal(idempotencyKey(config, { input: { id: "123" }, additional_metadata: { tenant: "acme" } }), "123:acme");
  const invalid = (error: unknown) => error instanceof EngineError && error.code === "INVALID_ARGUMENT";
  assert.throws(() => idempotencyKey(config, { input: { id: "hatchet_internal_x" }, additional_metadata: { tenant: "a" } }), invalid);
  assert.throws(() => idempotencyKey(idempotencyOf({ expression: "input", ttlMs: 1 }), { input: {}, additional_metadata: {} }), invalid);
  assert.throws(() => idempotencyKey(config, { input: {}, additional_metadata: {} }), invalid);
});
