import assert from "node:assert/strict";
import { test } from "node:test";
import { RateLimitDuration } from "@hatchet-dev/typescript-sdk/protoc/v1/workflows";
import { EngineError } from "./errors";
import { rateLimitClaims, rateLimitsOf, windowEnd } from "./rate-limits";

test("windows end one unit after they began, calendar-aware for months and years", () => {
  const start = new Date("2026-01-31T10:00:00.000Z");
  assert.equal(windowEnd(start, RateLimitDuration.SECOND).toISOString(), "2026-01-31T10:00:01.000Z");
  assert.equal(windowEnd(start, RateLimitDuration.MINUTE).toISOString(), "2026-01-31T10:01:00.000Z");
  assert.equal(windowEnd(start, RateLimitDuration.HOUR).toISOString(), "2026-01-31T11:00:00.000Z");
  assert.equal(windowEnd(start, RateLimitDuration.DAY).toISOString(), "2026-02-01T10:00:00.000Z");
  assert.equal(windowEnd(start, RateLimitDuration.WEEK).toISOString(), "2026-02-07T10:00:00.000Z");
  assert.equal(windowEnd(start, RateLimitDuration.MONTH).toISOString(), "2026-03-03T10:00:00.000Z");
  assert.equal(windowEnd(start, RateLimitDuration.YEAR).toISOString(), "2027-01-31T10:00:00.000Z");
});

test("claims: static keys keep the stored limit (-1); dynamic keys, units and limits come from CEL over the run", () => {
  // What the SDK's workflow-proto sends for the rate_limit example's two tasks, plus CEL units.
  const limits = rateLimitsOf(
    [
      { key: "api-service-rate-limit", units: 1, limitValuesExpr: "-1" },
      { key: "input.userId", keyExpr: "input.userId", units: 1, limitValuesExpr: "10", duration: RateLimitDuration.SECOND },
      { key: "input.group", keyExpr: "input.group", unitsExpr: "int(input.cost) * 2", limitValuesExpr: "additional_metadata.cap" },
    ],
    "task t",
  );
  const claims = rateLimitClaims(limits, { input: { userId: "u-1", group: "g", cost: 3 }, additional_metadata: { cap: 40 } });
  assert.deepEqual(claims, [
    { key: "api-service-rate-limit", units: 1, limit: -1, duration: RateLimitDuration.MINUTE },
    { key: "u-1", units: 1, limit: 10, duration: RateLimitDuration.SECOND },
    { key: "g", units: 6, limit: 40, duration: RateLimitDuration.MINUTE },
  ]);
});

test("claims that CEL cannot compute refuse the trigger with INVALID_ARGUMENT", () => {
  const limits = rateLimitsOf([{ key: "k", keyExpr: "input.missing", units: 1, limitValuesExpr: "5" }], "task t");
  assert.throws(() => rateLimitClaims(limits, { input: {}, additional_metadata: {} }), (error) => error instanceof EngineError && error.code === "INVALID_ARGUMENT");
  const fractional = rateLimitsOf([{ key: "k", unitsExpr: "1.5", limitValuesExpr: "5" }], "task t");
  assert.throws(() => rateLimitClaims(fractional, { input: {}, additional_metadata: {} }), /integer/);
  assert.throws(() => rateLimitsOf([{ key: "k", limitValuesExpr: "5" }], "task t"), /units/);
});
