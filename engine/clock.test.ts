import assert from "node:assert/strict";
import { test } from "node:test";
import { parseSpan, VirtualClock } from "./clock";

test("spans parse as users write them", () => {
  assert.equal(parseSpan("3d"), 3 * 86_400_000);
  assert.equal(parseSpan("1h30m"), 5_400_000);
  assert.equal(parseSpan("250ms"), 250);
  assert.equal(parseSpan("1.5s"), 1500);
  for (const bad of ["", "3", "d", "3 days", "-1s", "1y"]) assert.equal(parseSpan(bad), undefined, bad);
});

test("a virtual clock keeps real time's pace and jumps only forward", () => {
  let real = 1_000_000;
  const clock = new VirtualClock(() => real);
  real += 500;
  assert.equal(clock.now().getTime(), 1_000_500);
  clock.advance("2d");
  assert.equal(clock.now().getTime(), 1_000_500 + 2 * 86_400_000);
  clock.advanceTo(new Date(clock.now().getTime() + 10));
  assert.equal(clock.now().getTime(), 1_000_510 + 2 * 86_400_000);
  assert.throws(() => clock.advanceTo(new Date(0)), RangeError);
  assert.throws(() => clock.advance("soon"), RangeError);
});
