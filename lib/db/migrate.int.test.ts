import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { applyMigrations, MigrationError } from "./migrate";

const dirs: string[] = [];
function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "recourse-migrations-"));
  dirs.push(dir);
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

async function rows(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

const FIRST = `CREATE TABLE "a" ("id" SERIAL PRIMARY KEY, "body" TEXT NOT NULL DEFAULT 'x;y');\n`;
const SECOND = `CREATE FUNCTION touch() RETURNS trigger AS $$ BEGIN NEW.body := NEW.body || ';'; RETURN NEW; END $$ LANGUAGE plpgsql;\nCREATE TABLE "b" ("id" INT);\n`;

describe("migration runner", () => {
  let db: TestDatabase;
  before(async () => (db = await createTestDatabase()));
  after(async () => {
    await db.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  test("applies a fresh history and records it exactly as Prisma does", async () => {
    const dir = migrationsDir({ "20260101000000_first": FIRST });
    const result = await applyMigrations(db.url, { dir });
    assert.deepEqual(result, { applied: ["20260101000000_first"], alreadyApplied: 0 });
    const [row] = await rows(db.url, 'SELECT migration_name, checksum, finished_at, applied_steps_count, logs FROM "_prisma_migrations"');
    assert.equal(row?.migration_name, "20260101000000_first");
    assert.equal(row?.checksum, createHash("sha256").update(FIRST).digest("hex"));
    assert.ok(row?.finished_at instanceof Date);
    assert.equal(row?.applied_steps_count, 1);
    assert.equal(row?.logs, null);
  });

  test("applies only what is new, and nothing when all is applied", async () => {
    const dir = migrationsDir({ "20260101000000_first": FIRST, "20260102000000_second": SECOND });
    assert.deepEqual(await applyMigrations(db.url, { dir }), { applied: ["20260102000000_second"], alreadyApplied: 1 });
    assert.deepEqual(await applyMigrations(db.url, { dir }), { applied: [], alreadyApplied: 2 });
    // $$ bodies and ';' inside literals survive: the script is sent whole, not split on ';'.
    assert.deepEqual(await rows(db.url, "SELECT count(*)::int AS n FROM pg_proc WHERE proname = 'touch'"), [{ n: 1 }]);
  });

  test("refuses a migration edited after it was applied", async () => {
    const dir = migrationsDir({ "20260101000000_first": FIRST + "-- edited\n", "20260102000000_second": SECOND });
    await assert.rejects(applyMigrations(db.url, { dir }), (e: unknown) => e instanceof MigrationError && /checksum mismatch/.test(e.message));
  });

  test("refuses a database that is ahead of the code", async () => {
    const dir = migrationsDir({ "20260101000000_first": FIRST });
    await assert.rejects(applyMigrations(db.url, { dir }), /newer than this code/);
  });

  test("a failing migration changes nothing, is logged, and blocks later runs until resolved", async () => {
    const fresh = await createTestDatabase();
    try {
      const dir = migrationsDir({ "20260101000000_broken": `CREATE TABLE "half" ("id" INT);\nSELECT * FROM "missing_table";\n` });
      await assert.rejects(applyMigrations(fresh.url, { dir }), /broken failed: relation "missing_table" does not exist/);
      assert.deepEqual(await rows(fresh.url, "SELECT to_regclass('half') IS NULL AS gone"), [{ gone: true }], "the whole script rolled back");
      const [row] = await rows(fresh.url, 'SELECT finished_at, logs FROM "_prisma_migrations"');
      assert.equal(row?.finished_at, null);
      assert.match(String(row?.logs), /missing_table/);
      await assert.rejects(applyMigrations(fresh.url, { dir }), /failed earlier and was never resolved/);
    } finally {
      await fresh.drop();
    }
  });
});
