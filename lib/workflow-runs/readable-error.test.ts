import assert from "node:assert/strict";
import { test } from "node:test";
import { readableError } from "./readable-error";

test("keeps the message of a JSON error and drops its stack", () => {
  assert.equal(readableError(JSON.stringify({ message: "card declined", stack: "Error: card declined\n    at fn (/srv/x.ts:1:1)" })), "card declined");
});

test("drops stack frames from a plain-text error", () => {
  assert.equal(readableError("Error: timeout\n    at a (/x.js:1:1)\n    at b (/y.js:2:2)"), "Error: timeout");
});

test("empty stays empty and long text is cut", () => {
  assert.equal(readableError(""), null);
  assert.equal(readableError(undefined), null);
  assert.equal(readableError("x".repeat(1000))?.length, 600);
});
