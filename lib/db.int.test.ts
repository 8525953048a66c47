import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { createDb, transaction } from "./db";
import { createTestDatabase, type TestDatabase } from "./testing/database";

let database: TestDatabase;
before(async () => {
  database = await createTestDatabase();
  // A server whose default would break the gate's reasoning (its counts must see what committed after its locks).
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  await admin.query(`ALTER DATABASE ${database.name} SET default_transaction_isolation = 'repeatable read'`);
  await admin.end();
});
after(async () => {
  await database?.drop();
});

test("transactions run READ COMMITTED whatever the server's default, and keep the URL's own options", async () => {
  const url = new URL(database.url);
  url.searchParams.set("options", "-c application_name=recourse-test");
  const db = createDb(url.toString(), { max: 2 });
  try {
    const [inside] = await transaction(db, "isolation", (tx) => tx.$queryRaw<{ level: string; app: string }[]>`SELECT current_setting('transaction_isolation') AS level, current_setting('application_name') AS app`);
    assert.deepEqual(inside, { level: "read committed", app: "recourse-test" });
    // Asked for, another level still applies to its own transaction.
    const [serializable] = await transaction(db, "serializable", (tx) => tx.$queryRaw<{ level: string }[]>`SELECT current_setting('transaction_isolation') AS level`, { isolationLevel: "Serializable" });
    assert.equal(serializable?.level, "serializable");
  } finally {
    await db.$disconnect();
  }
});
