import assert from "node:assert/strict";
import { test } from "node:test";
import { CampaignStrategySchema, CreateCampaignInputSchema } from "./campaign";
import { RecordPaymentInputSchema } from "./payments";

test("a strategy gets its defaults, survives a JSON round trip, and refuses a window that ends before it starts", () => {
  const input = CreateCampaignInputSchema.parse({ name: "n", strategy: { maxAttempts: 3, cadence: { hoursBetweenAttempts: 24, retryDelayHours: { BUSY: 2 } }, callingWindow: {}, agentScriptId: "s" } });
  assert.deepEqual(input.strategy.callingWindow, { start: "08:00", end: "21:00", daysOfWeek: [1, 2, 3, 4, 5, 6] });
  assert.deepEqual(CreateCampaignInputSchema.parse(JSON.parse(JSON.stringify(input))), input);
  assert.equal(CampaignStrategySchema.safeParse({ ...input.strategy, callingWindow: { start: "20:00", end: "09:00" } }).success, false);
  assert.equal(CampaignStrategySchema.safeParse({ ...input.strategy, cadence: { hoursBetweenAttempts: 1, retryDelayHours: { NOT_AN_OUTCOME: 1 } } }).success, false);
});

test("a payment names exactly one account and is whole positive cents", () => {
  const base = { provider: "stripe", providerPaymentId: "pi", amountCents: 100, receivedAt: "2026-11-01T00:00:00Z" };
  assert.ok(RecordPaymentInputSchema.safeParse({ ...base, accountExternalId: "A" }).success);
  assert.ok(!RecordPaymentInputSchema.safeParse(base).success);
  assert.ok(!RecordPaymentInputSchema.safeParse({ ...base, accountId: "a", accountExternalId: "A" }).success);
  assert.ok(!RecordPaymentInputSchema.safeParse({ ...base, accountExternalId: "A", amountCents: 1.5 }).success);
  assert.ok(!RecordPaymentInputSchema.safeParse({ ...base, accountExternalId: "A", amountCents: 0 }).success);
});
