import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { diffMigrationsToSchema, SCHEMA_PATH } from "./tools/diff";

describe("schema.prisma and prisma/migrations", { timeout: 120_000 }, () => {
  let db: TestDatabase;
  const scratch = mkdtempSync(join(tmpdir(), "recourse-drift-"));
  before(async () => (db = await createTestDatabase()));
  after(async () => {
    await db.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  test("describe the same database: replaying the migrations leaves nothing to add", async () => {
    const missing = await diffMigrationsToSchema(db.url);
    assert.equal(missing, "", `schema.prisma has changes no migration holds; run \`npm run db:migrate -- --name <name>\`:\n${missing}`);
  });

  test("a schema change without a migration is caught", async () => {
    const edited = join(scratch, "schema.prisma");
    writeFileSync(edited, `${readFileSync(SCHEMA_PATH, "utf8")}\nmodel DriftProbe {\n  id Int @id\n  @@map("drift_probe")\n}\n`);
    const missing = await diffMigrationsToSchema(db.url, { schemaPath: edited });
    assert.match(missing, /CREATE TABLE "drift_probe"/);
  });

  test("shadow databases are dropped afterwards", async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT datname FROM pg_database WHERE datname LIKE 'prisma_shadow_%'");
      assert.deepEqual(rows, []);
    } finally {
      await client.end();
    }
  });
});
