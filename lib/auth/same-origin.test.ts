import assert from "node:assert/strict";
import { test } from "node:test";
import { isSameOrigin } from "./same-origin";

const headers = (values: Record<string, string>) => new Headers(values);

test("accepts an Origin naming the host", () => {
  assert.equal(isSameOrigin(headers({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" })), true);
  assert.equal(isSameOrigin(headers({ origin: "https://ops.example", host: "internal:3000", "x-forwarded-host": "ops.example" })), true);
});

test("refuses a missing, foreign or malformed Origin", () => {
  assert.equal(isSameOrigin(headers({ host: "127.0.0.1:3000" })), false);
  assert.equal(isSameOrigin(headers({ origin: "https://evil.example", host: "127.0.0.1:3000" })), false);
  assert.equal(isSameOrigin(headers({ origin: "null", host: "127.0.0.1:3000" })), false);
});

test("accepts a configured public origin behind a proxy that rewrites Host", () => {
  assert.equal(isSameOrigin(headers({ origin: "https://ops.example", host: "10.0.0.5:3000" }), ["https://ops.example"]), true);
});
