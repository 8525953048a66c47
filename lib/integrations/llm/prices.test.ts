import assert from "node:assert/strict";
import { test } from "node:test";
import { costMicros } from "./prices";

test("cost is integer micro-dollars, rounded up", () => {
  // gpt-4o-mini: 1000 in x 0.15 µ$ + 200 out x 0.60 µ$ = 150 + 120.
  assert.equal(costMicros("gpt-4o-mini", { promptTokens: 1_000, completionTokens: 200 }), 270);
  assert.equal(costMicros("gpt-4o-mini", { promptTokens: 1, completionTokens: 0 }), 1);
  assert.equal(costMicros("gpt-4o", { promptTokens: 1_000_000, completionTokens: 0 }), 2_500_000);
});

test("dated snapshots take their own family's price, not a shorter prefix's", () => {
  assert.equal(costMicros("gpt-4o-mini-2024-07-18", { promptTokens: 1_000, completionTokens: 0 }), 150);
  assert.equal(costMicros("gpt-4o-2024-08-06", { promptTokens: 1_000, completionTokens: 0 }), 2_500);
});

test("an unknown (self-hosted) model has no known cost", () => {
  assert.equal(costMicros("llama3.1:8b", { promptTokens: 1_000, completionTokens: 10 }), null);
});
