import assert from "node:assert/strict";
import { test } from "node:test";
import type { HatchetClient } from "@hatchet-dev/typescript-sdk";
import { hatchetPublisher, type HatchetEventPusher } from "./hatchet-publisher";

// Compile-time: the real client fits the port, so production passes it unchanged.
const _fits: (client: HatchetClient) => HatchetEventPusher = (client) => client;
void _fits;

test("pushes the event key, payload and scope, with outbox id and idempotency key as metadata", async () => {
  const pushed: unknown[][] = [];
  const publish = hatchetPublisher({ events: { push: async (...args) => void pushed.push(args) } });
  const base = { id: "42", aggregateType: "call_attempt", aggregateId: "a1", eventKey: "call:ended", payload: { attemptId: "a1" }, idempotencyKey: "call-ended:a1", createdAt: new Date(), attempt: 1 };
  await publish({ ...base, scope: "attempt:a1" });
  await publish({ ...base, scope: null });
  assert.deepEqual(pushed, [
    ["call:ended", { attemptId: "a1" }, { scope: "attempt:a1", additionalMetadata: { outboxId: "42", idempotencyKey: "call-ended:a1", aggregate: "call_attempt:a1" } }],
    ["call:ended", { attemptId: "a1" }, { additionalMetadata: { outboxId: "42", idempotencyKey: "call-ended:a1", aggregate: "call_attempt:a1" } }],
  ]);
});
