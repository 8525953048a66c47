import assert from "node:assert/strict";
import { test } from "node:test";
import { formatCents, parseDollars } from "./money";

test("formats whole cents as dollars with separators", () => {
  assert.equal(formatCents(123456789), "$1,234,567.89");
  assert.equal(formatCents(5), "$0.05");
  assert.equal(formatCents(0), "$0.00");
});

test("parses dollar amounts as text into whole cents, and refuses anything else", () => {
  assert.equal(parseDollars("1,234.5"), 123450);
  assert.equal(parseDollars("$12"), 1200);
  assert.equal(parseDollars(" 0.07 "), 7);
  assert.equal(parseDollars("19.99"), 1999);
  for (const bad of ["", "abc", "1.234", "-5", "1,23", "12,34.00", "1e3"]) assert.equal(parseDollars(bad), null, bad);
});
