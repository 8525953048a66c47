import assert from "node:assert/strict";
import { test } from "node:test";
import type { z } from "zod";
import { buildOpenApiDocument } from "../openapi";
import { ENDPOINTS } from "../endpoints";
import { apiReference } from "./api-reference";
import { exampleFromSchema } from "./example-from-schema";

const groups = apiReference(buildOpenApiDocument(ENDPOINTS));
const operations = groups.flatMap((g) => g.operations);

test("every endpoint appears once, under its tag, with its scope", () => {
  assert.equal(operations.length, ENDPOINTS.length);
  for (const e of ENDPOINTS) {
    const matches = operations.filter((o) => o.operationId === e.operationId);
    assert.equal(matches.length, 1, e.operationId);
    assert.equal(matches[0]!.scope, e.scope);
    assert.equal(groups.find((g) => g.operations.includes(matches[0]!))!.tag, e.tag);
  }
  assert.deepEqual(new Set(groups.map((g) => g.tag)), new Set(ENDPOINTS.map((e) => e.tag)));
});

test("every example is accepted by the operation's own zod schemas", () => {
  for (const e of ENDPOINTS) {
    const op = operations.find((o) => o.operationId === e.operationId)!;
    if (e.body) {
      const parsed = (e.documentedBody ?? e.body as z.ZodType).safeParse(op.requestExample);
      assert.ok(parsed.success, `${e.operationId} request example: ${parsed.error?.message}`);
    } else assert.equal(op.requestExample, null);
    const response = (e.response as z.ZodType).safeParse(op.responseExample);
    assert.ok(response.success, `${e.operationId} response example: ${response.error?.message}`);
  }
});

test("parameters, nested body fields with their constraints, and errors are listed", () => {
  const create = operations.find((o) => o.operationId === "createCampaign")!;
  const window = create.body!.find((r) => r.path === "strategy.callingWindow")!;
  assert.equal(window.required, false);
  assert.match(window.description, /calling-hours default/);
  assert.match(create.body!.find((r) => r.path === "strategy.callingWindow.start")!.constraints, /default "08:00"/);
  assert.equal(create.body!.find((r) => r.path === "strategy.maxAttempts")!.constraints, "≥ 1; ≤ 50");
  assert.ok(create.parameters.some((p) => p.name === "Idempotency-Key" && p.in === "header"));
  assert.deepEqual(create.errors.map((e) => e.status).slice(0, 3), ["400", "401", "403"]);
  const list = operations.find((o) => o.operationId === "listAccounts")!;
  assert.ok(list.parameters.some((p) => p.name === "limit" && p.in === "query" && /≤ 200/.test(p.row.constraints)));
  assert.ok(list.response.some((r) => r.path === "data[].externalId"));
});

test("examples are deterministic and fall back sensibly", () => {
  assert.deepEqual(exampleFromSchema({ type: ["string", "null"], format: "date-time" }), "2026-11-25T15:00:00.000Z");
  assert.deepEqual(exampleFromSchema({ type: "array", minItems: 2, items: { enum: ["a", "b"] } }), ["a", "a"]);
  assert.deepEqual(exampleFromSchema({ $ref: "#/x" }, () => ({ type: "integer", minimum: 5 })), 5);
  assert.equal(exampleFromSchema(undefined), null);
});
