import assert from "node:assert/strict";
import { test } from "node:test";
import { Semaphore } from "./semaphore";

test("a semaphore lets `limit` callers in at once, the others in arrival order, and survives a throw", async () => {
  const semaphore = new Semaphore(2);
  let inside = 0;
  let peak = 0;
  const order: number[] = [];
  const job = (n: number) => semaphore.run(async () => {
    peak = Math.max(peak, ++inside);
    await new Promise((resolve) => setTimeout(resolve, 5));
    order.push(n);
    inside--;
    if (n === 2) throw new Error("boom");
    return n;
  });
  const results = await Promise.allSettled([1, 2, 3, 4, 5].map(job));
  assert.equal(peak, 2);
  assert.deepEqual(order, [1, 2, 3, 4, 5]);
  assert.deepEqual(results.map((r) => r.status), ["fulfilled", "rejected", "fulfilled", "fulfilled", "fulfilled"]);
  assert.throws(() => new Semaphore(0), RangeError);
});
