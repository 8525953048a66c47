import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { z } from "zod";
import { AppError, isRetryable, toProblem } from "./errors";

describe("toProblem", () => {
  test("an AppError keeps its code, status and client-safe message", () => {
    const problem = toProblem(new AppError("NOT_FOUND", "Campaign c_1 does not exist."), "/api/v1/campaigns/c_1");
    assert.deepEqual(problem, {
      type: "https://recourse.dev/problems/not-found",
      title: "Not found",
      status: 404,
      detail: "Campaign c_1 does not exist.",
      code: "NOT_FOUND",
      instance: "/api/v1/campaigns/c_1",
    });
  });

  test("a ZodError becomes 422 with field paths", () => {
    const result = z.object({ rows: z.array(z.object({ balanceCents: z.number().int() })) }).safeParse({ rows: [{ balanceCents: 1.5 }] });
    assert.equal(result.success, false);
    const problem = toProblem(result.error);
    assert.equal(problem.status, 422);
    assert.equal(problem.code, "VALIDATION_FAILED");
    assert.equal(problem.errors?.[0]?.path, "rows.0.balanceCents");
  });

  test("Prisma's not-found and unique-violation codes map to 404 and 409", () => {
    assert.equal(toProblem(Object.assign(new Error("x"), { code: "P2025" })).status, 404);
    assert.equal(toProblem(Object.assign(new Error("x"), { code: "P2002" })).status, 409);
  });

  test("anything else is a generic 500 that leaks no internals", () => {
    const problem = toProblem(new Error("connect ECONNREFUSED 10.0.0.5:5432 password=hunter2"));
    assert.equal(problem.status, 500);
    assert.doesNotMatch(JSON.stringify(problem), /ECONNREFUSED|hunter2|10\.0\.0\.5/);
  });
});

describe("isRetryable", () => {
  test("follows the code, unless the thrower knows better", () => {
    assert.equal(isRetryable(new AppError("UPSTREAM_UNAVAILABLE", "LiveKit 503")), true);
    assert.equal(isRetryable(new AppError("VALIDATION_FAILED", "bad")), false);
    assert.equal(isRetryable(new AppError("UPSTREAM_REJECTED", "429 from OpenAI", { retryable: true })), true);
    assert.equal(isRetryable(new Error("socket hang up")), true);
  });
});
