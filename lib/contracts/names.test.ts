import assert from "node:assert/strict";
import { test } from "node:test";
import { EVENT, SCOPE, WORKFLOW } from "./names";

test("workflow names are unique kebab-case", () => {
  const names = Object.values(WORKFLOW);
  assert.equal(new Set(names).size, names.length);
  for (const name of names) assert.match(name, /^[a-z]+(-[a-z]+)*$/);
});

test("event keys are unique domain:event pairs", () => {
  const keys = Object.values(EVENT);
  assert.equal(new Set(keys).size, keys.length);
  for (const key of keys) assert.match(key, /^[a-z]+:[a-z]+$/);
});

test("scopes name their aggregate", () => {
  assert.equal(SCOPE.attempt("a1"), "attempt:a1");
  assert.equal(SCOPE.account("acc_9"), "account:acc_9");
});
