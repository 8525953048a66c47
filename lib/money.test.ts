import assert from "node:assert/strict";
import { test } from "node:test";
import { formatCents } from "./money";

test("formats whole cents as dollars with separators", () => {
  assert.equal(formatCents(123456789), "$1,234,567.89");
  assert.equal(formatCents(5), "$0.05");
  assert.equal(formatCents(0), "$0.00");
});
