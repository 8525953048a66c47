import assert from "node:assert/strict";
import { test } from "node:test";
import { TokenBuckets } from "./rate-limit";

test("a bucket holds a minute's allowance, refills continuously and says how long to wait", () => {
  let now = 0;
  const buckets = new TokenBuckets(() => now);
  for (let i = 0; i < 60; i++) assert.equal(buckets.take("k", 60), 0);
  assert.equal(buckets.take("k", 60), 1, "one token a second at 60/min");
  now += 1000;
  assert.equal(buckets.take("k", 60), 0);
  assert.equal(buckets.take("k", 60), 1);
  assert.equal(buckets.take("other", 60), 0, "keys are independent");
  const slow = new TokenBuckets(() => now);
  slow.take("s", 2);
  slow.take("s", 2);
  assert.equal(slow.take("s", 2), 30, "2/min → 30 s for the next token");
});
