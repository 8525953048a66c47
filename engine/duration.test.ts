import assert from "node:assert/strict";
import { test } from "node:test";
import { parseGoDuration } from "./duration";

test("parses Go durations as Hatchet's task options send them", () => {
  assert.equal(parseGoDuration("60s"), 60_000);
  assert.equal(parseGoDuration("1m30s"), 90_000);
  assert.equal(parseGoDuration("500ms"), 500);
  assert.equal(parseGoDuration("2h"), 7_200_000);
  assert.equal(parseGoDuration("10"), 10_000);
  assert.equal(parseGoDuration("1.5s"), 1500);
});

test("rejects what Go would reject", () => {
  for (const bad of ["", "s", "10x", "1m garbage", "-5s"]) assert.equal(parseGoDuration(bad), undefined, bad);
});
