import assert from "node:assert/strict";
import { test } from "node:test";
import { FailureLimiter } from "./rate-limit";

test("refuses after the allowed failures until the window ends", () => {
  let now = 1_000;
  const limiter = new FailureLimiter({ maxFailures: 3, windowMs: 60_000, now: () => now });
  for (let i = 0; i < 3; i++) {
    assert.equal(limiter.retryAfterMs("a"), 0);
    limiter.recordFailure("a");
  }
  assert.equal(limiter.retryAfterMs("a"), 60_000);
  assert.equal(limiter.retryAfterMs("b"), 0, "other keys are unaffected");
  now += 59_000;
  assert.equal(limiter.retryAfterMs("a"), 1_000);
  now += 1_000;
  assert.equal(limiter.retryAfterMs("a"), 0, "a new window starts");
});

test("a success clears the failures", () => {
  const limiter = new FailureLimiter({ maxFailures: 2, windowMs: 60_000, now: () => 0 });
  limiter.recordFailure("a");
  limiter.recordFailure("a");
  assert.ok(limiter.retryAfterMs("a") > 0);
  limiter.reset("a");
  assert.equal(limiter.retryAfterMs("a"), 0);
});
