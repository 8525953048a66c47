import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type pg from "pg";

const SQL_DIR = join(import.meta.dirname, "../sql");
const LOCK = 48_617_001; // the engine's own advisory lock, distinct from the product's

/** Applies engine/sql/*.sql in name order, each once, in its own transaction, under a lock. */
export async function migrateEngineSchema(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK]);
    await client.query("CREATE SCHEMA IF NOT EXISTS hatchet");
    await client.query("CREATE TABLE IF NOT EXISTS hatchet.schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
    const { rows } = await client.query<{ name: string }>("SELECT name FROM hatchet.schema_migrations");
    const done = new Set(rows.map((r) => r.name));
    for (const name of readdirSync(SQL_DIR).filter((f) => f.endsWith(".sql")).sort()) {
      if (done.has(name)) continue;
      await client.query("BEGIN");
      try {
        await client.query(readFileSync(join(SQL_DIR, name), "utf8"));
        await client.query("INSERT INTO hatchet.schema_migrations (name) VALUES ($1)", [name]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK]).catch(() => undefined);
    client.release();
  }
}
