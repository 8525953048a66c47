import assert from "node:assert/strict";
import { test } from "node:test";
import { RecentRefs } from "./recent-refs";

const ref = (nodeId: number, invocationCount = 1) => ({ durableTaskExternalId: "4f6c1d0e-0000-4000-8000-000000000001", invocationCount, branchId: 1, nodeId });

test("a completion sent within the window is recent; after it, or for another entry or invocation, it is not", () => {
  let now = 0;
  const sent = new RecentRefs(10_000, () => now);
  sent.note(ref(1));
  now = 9_999;
  assert.equal(sent.isRecent(ref(1)), true);
  assert.equal(sent.isRecent(ref(2)), false, "another node");
  assert.equal(sent.isRecent(ref(1, 2)), false, "another invocation");
  now = 10_000;
  assert.equal(sent.isRecent(ref(1)), false, "the window passed: sent again as a safety net");
});

test("sending again restarts the window, and old entries are forgotten", () => {
  let now = 0;
  const sent = new RecentRefs(10_000, () => now);
  sent.note(ref(1));
  sent.note(ref(2));
  now = 8_000;
  sent.note(ref(1));
  now = 15_000;
  assert.equal(sent.isRecent(ref(1)), true);
  assert.equal(sent.isRecent(ref(2)), false);
  sent.note(ref(3));
  assert.equal((sent as unknown as { notedAt: Map<string, number> }).notedAt.size, 2, "ref 2 was pruned");
});
