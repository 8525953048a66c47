import assert from "node:assert/strict";
import { test } from "node:test";
import { generatePassword, hashPassword, verifyPassword } from "./password";

test("a hash verifies its own password and nothing else", async () => {
  const hash = await hashPassword("correct horse battery staple");
  assert.match(hash, /^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
  assert.equal(await verifyPassword("correct horse battery staple", hash), true);
  assert.equal(await verifyPassword("correct horse battery stapler", hash), false);
});

test("the same password hashes differently each time (random salt)", async () => {
  assert.notEqual(await hashPassword("same"), await hashPassword("same"));
});

test("malformed stored hashes never verify", async () => {
  for (const stored of ["", "plain", "bcrypt$1$2$3$4$5", "scrypt$16384$8$1$$"]) assert.equal(await verifyPassword("x", stored), false);
});

test("generated passwords avoid look-alike characters", () => {
  const password = generatePassword(200);
  assert.equal(password.length, 200);
  assert.doesNotMatch(password, /[0O1lI]/);
});
