import assert from "node:assert/strict";
import { test } from "node:test";
import { safeNextPath } from "./safe-next";

test("keeps paths on this site", () => {
  assert.equal(safeNextPath("/accounts?status=DISPUTED&page=2"), "/accounts?status=DISPUTED&page=2");
  assert.equal(safeNextPath("/workflows/0b6c1a3e-8f5d"), "/workflows/0b6c1a3e-8f5d");
});

test("anything that could leave the site becomes the dashboard", () => {
  for (const next of ["//evil.example", "/\\evil.example", "https://evil.example", "javascript:alert(1)", "", undefined, null, "accounts"]) {
    assert.equal(safeNextPath(next), "/", String(next));
  }
});
