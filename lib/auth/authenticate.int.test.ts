import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createDb, type Db } from "../db";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { authenticate } from "./authenticate";
import { hashPassword } from "./password";
import { FailureLimiter } from "./rate-limit";

let database: TestDatabase;
let client: Db;

before(async () => {
  database = await createTestDatabase({ migrate: true });
  client = createDb(database.url, { max: 2 });
  const passwordHash = await hashPassword("correct horse battery");
  await client.operator.createMany({
    data: [
      { email: "ada@example.test", name: "Ada", role: "SUPERVISOR", passwordHash },
      { email: "gone@example.test", name: "Gone", role: "ADMIN", passwordHash, disabledAt: new Date() },
    ],
  });
});

after(async () => {
  await client.$disconnect();
  await database.drop();
});

const limiters = () => ({ perAccount: new FailureLimiter({ maxFailures: 3, windowMs: 60_000 }), perClient: new FailureLimiter({ maxFailures: 100, windowMs: 60_000 }) });

test("a right password signs in, records the time and audits it", async () => {
  const result = await authenticate(client, { email: " ADA@example.test ", password: "correct horse battery", clientKey: "1.2.3.4" }, limiters());
  assert.ok(result.ok);
  assert.equal(result.operator.role, "supervisor");
  const row = await client.operator.findUniqueOrThrow({ where: { email: "ada@example.test" } });
  assert.ok(row.lastLoginAt);
  assert.equal(await client.auditLog.count({ where: { action: "operator.signed_in", actorId: row.id } }), 1);
});

test("wrong password, unknown address and disabled operator look the same", async () => {
  const l = limiters();
  for (const email of ["ada@example.test", "nobody@example.test", "gone@example.test"]) {
    const password = email === "ada@example.test" ? "wrong" : "correct horse battery";
    assert.deepEqual(await authenticate(client, { email, password, clientKey: "c" }, l), { ok: false, reason: "invalid" });
  }
});

test("repeated failures are refused even with the right password until the window ends", async () => {
  const l = limiters();
  for (let i = 0; i < 3; i++) await authenticate(client, { email: "ada@example.test", password: "nope", clientKey: "x" }, l);
  const blocked = await authenticate(client, { email: "ada@example.test", password: "correct horse battery", clientKey: "x" }, l);
  assert.equal(blocked.ok, false);
  assert.equal(!blocked.ok && blocked.reason, "rate-limited");
  const otherClient = await authenticate(client, { email: "ada@example.test", password: "correct horse battery", clientKey: "forged-elsewhere" }, l);
  assert.equal(otherClient.ok, false, "another (possibly forged) client address does not reset the count");
  const otherAddress = await authenticate(client, { email: "gone@example.test", password: "wrong", clientKey: "x" }, l);
  assert.deepEqual(otherAddress, { ok: false, reason: "invalid" }, "other addresses are not blocked");
});

test("a spray over many addresses from one client is braked; an unknown client is braked per address only", async () => {
  const l = { perAccount: new FailureLimiter({ maxFailures: 100, windowMs: 60_000 }), perClient: new FailureLimiter({ maxFailures: 3, windowMs: 60_000 }) };
  for (let i = 0; i < 3; i++) await authenticate(client, { email: `guess${i}@example.test`, password: "x", clientKey: "10.0.0.9" }, l);
  const sprayed = await authenticate(client, { email: "ada@example.test", password: "correct horse battery", clientKey: "10.0.0.9" }, l);
  assert.equal(!sprayed.ok && sprayed.reason, "rate-limited");
  for (let i = 0; i < 5; i++) await authenticate(client, { email: `other${i}@example.test`, password: "x", clientKey: null }, l);
  assert.equal((await authenticate(client, { email: "ada@example.test", password: "correct horse battery", clientKey: null }, l)).ok, true);
});
