import assert from "node:assert/strict";
import { test } from "node:test";
import { hasRole, roleFromDb, ROLES } from "./roles";

test("each role includes the ones below it and none above", () => {
  for (const [i, actual] of ROLES.entries()) {
    for (const [j, required] of ROLES.entries()) assert.equal(hasRole(actual, required), i >= j, `${actual} vs ${required}`);
  }
});

test("database roles map to console roles", () => {
  assert.equal(roleFromDb("ADMIN"), "admin");
  assert.equal(roleFromDb("VIEWER"), "viewer");
  assert.equal(hasRole(roleFromDb("AGENT"), "supervisor"), false);
});
