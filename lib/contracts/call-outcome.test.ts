import assert from "node:assert/strict";
import { test } from "node:test";
import { CALL_OUTCOMES, CallOutcomeSchema, OUTCOME_RULES } from "./call-outcome";

test("every outcome has a rule, and the enum round-trips through JSON", () => {
  assert.deepEqual(Object.keys(OUTCOME_RULES).sort(), [...CALL_OUTCOMES].sort());
  for (const outcome of CALL_OUTCOMES) assert.equal(CallOutcomeSchema.parse(JSON.parse(JSON.stringify(outcome))), outcome);
});

test("COMPLIANCE.md §9: unconnected calls neither count nor start a quiet period", () => {
  for (const outcome of ["NOT_IN_SERVICE", "BUSY"] as const) assert.deepEqual(OUTCOME_RULES[outcome], { counts: false, conversation: false });
});

test("COMPLIANCE.md §9: ambiguous signals take the conservative reading", () => {
  assert.equal(OUTCOME_RULES.CARRIER_ERROR.counts, true, "a carrier error may have connected");
  assert.equal(OUTCOME_RULES.UNVERIFIED_PERSON.conversation, true, "an unverified live person may be the consumer");
});

test("an inbound conversation starts the quiet period without counting as a call", () => {
  assert.deepEqual(OUTCOME_RULES.INBOUND_CONVERSATION, { counts: false, conversation: true });
});
