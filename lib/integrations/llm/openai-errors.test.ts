import assert from "node:assert/strict";
import { test } from "node:test";
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { AppError, isRetryable } from "../../errors";
import { openAiErrorToAppError } from "./openai-errors";

const vendor = (status: number, code: string | null = null) => APIError.generate(status, { error: { message: "vendor text sk-secret", type: "x", code } }, undefined, new Headers());

function mapped(error: unknown): AppError {
  const result = openAiErrorToAppError(error);
  assert.ok(result instanceof AppError);
  return result;
}

test("429, 5xx, timeouts and network failures are retryable", () => {
  assert.equal(mapped(vendor(429, "rate_limit_exceeded")).retryable, true);
  assert.equal(mapped(vendor(500)).code, "UPSTREAM_UNAVAILABLE");
  assert.equal(isRetryable(mapped(vendor(503))), true);
  assert.equal(mapped(new APIConnectionTimeoutError()).retryable, true);
  assert.equal(mapped(new APIConnectionError({ message: "ECONNREFUSED" })).retryable, true);
});

test("other 4xx are not, and neither is an exhausted quota", () => {
  for (const status of [400, 401, 403, 404, 422]) {
    const error = mapped(vendor(status));
    assert.equal(error.code, "UPSTREAM_REJECTED");
    assert.equal(error.retryable, false, `status ${status}`);
  }
  assert.equal(mapped(vendor(429, "insufficient_quota")).retryable, false);
});

test("the message names status and code but not the vendor's text, which stays in the cause", () => {
  const error = mapped(vendor(400, "invalid_json_schema"));
  assert.equal(error.message, "The LLM server answered 400 (invalid_json_schema).");
  assert.ok(error.cause instanceof APIError);
});

test("a caller's abort is passed through unchanged", () => {
  const abort = new APIUserAbortError();
  assert.equal(openAiErrorToAppError(abort), abort);
});
