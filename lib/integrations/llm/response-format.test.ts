import assert from "node:assert/strict";
import { test } from "node:test";
import { CALL_OUTCOMES } from "../../contracts/call-outcome";
import { CallSummaryFieldsSchema } from "../../contracts/call-summary";
import { schemaViolations, strictSchemaProblem } from "../../../sim/openai/json-schema";
import { CALL_SUMMARY_JSON_SCHEMA } from "./response-format";

test("the response_format schema lists exactly the zod schema's fields, all required", () => {
  const keys = Object.keys(CallSummaryFieldsSchema.shape).sort();
  assert.deepEqual(Object.keys(CALL_SUMMARY_JSON_SCHEMA.properties).sort(), keys);
  assert.deepEqual([...CALL_SUMMARY_JSON_SCHEMA.required].sort(), keys);
  assert.deepEqual(CALL_SUMMARY_JSON_SCHEMA.properties.outcome.enum, [...CALL_OUTCOMES]);
});

test("the schema is one OpenAI's strict mode accepts", () => {
  assert.equal(strictSchemaProblem(CALL_SUMMARY_JSON_SCHEMA), undefined);
});

test("the JSON schema and zod agree on a valid value and on an extra field", () => {
  const value = {
    summary: "Promised.",
    outcome: "PROMISE_TO_PAY",
    rightPartyContact: true,
    promiseAmountCents: 100,
    promiseDate: "2026-12-01",
    dispute: false,
    ceaseRequest: false,
    callbackAt: null,
    hardship: false,
    sentiment: "neutral",
    nextBestAction: "AWAIT_PAYMENT",
    confidence: 0.5,
  };
  assert.deepEqual(schemaViolations(value, CALL_SUMMARY_JSON_SCHEMA), []);
  assert.equal(CallSummaryFieldsSchema.safeParse(value).success, true);
  const extra = { ...value, refund: 50_000 };
  assert.deepEqual(schemaViolations(extra, CALL_SUMMARY_JSON_SCHEMA), ["$.refund: not allowed"]);
  assert.equal(CallSummaryFieldsSchema.safeParse(extra).success, false);
});
