import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import pg from "pg";

/** Prisma's own table, created with Prisma's DDL so `prisma migrate deploy` agrees with us. */
const MIGRATIONS_TABLE_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** The advisory lock key Prisma's schema engine takes, so our runner and Prisma's never interleave. */
const PRISMA_ADVISORY_LOCK = 72707369;

export const DEFAULT_MIGRATIONS_DIR = resolve(import.meta.dirname, "../../prisma/migrations");

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

export class MigrationError extends Error {
  override readonly name = "MigrationError";
}

/** Reads `prisma/migrations/<name>/migration.sql` in Prisma's order (folder names sort by timestamp). */
export async function readMigrations(dir = DEFAULT_MIGRATIONS_DIR): Promise<MigrationFile[]> {
  if (!existsSync(dir)) return [];
  const names = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const files: MigrationFile[] = [];
  for (const name of names) {
    const path = join(dir, name, "migration.sql");
    if (!existsSync(path)) continue;
    const sql = await readFile(path, "utf8");
    files.push({ name, sql, checksum: createHash("sha256").update(sql).digest("hex") });
  }
  return files;
}

/**
 * Applies pending migrations the way `prisma migrate deploy` does: one row per migration in
 * `_prisma_migrations` (checksum = sha256 of migration.sql), each script sent as one simple-protocol
 * query so Postgres runs it in a single implicit transaction. Refuses to go on when history and files
 * disagree: a failed migration, an edited one, or one the database has and the code does not.
 */
export async function applyMigrations(
  databaseUrl: string,
  options: { dir?: string; log?: (line: string) => void } = {},
): Promise<MigrateResult> {
  const migrations = await readMigrations(options.dir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    await client.query(MIGRATIONS_TABLE_DDL);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
    );
    const history = rows.filter((r) => r.rolled_back_at === null);
    const known = new Map(migrations.map((m) => [m.name, m]));
    for (const row of history) {
      if (row.finished_at === null) {
        throw new MigrationError(`Migration ${row.migration_name} failed earlier and was never resolved; fix the database, then mark it rolled back.`);
      }
      const file = known.get(row.migration_name);
      if (!file) throw new MigrationError(`The database has migration ${row.migration_name}, which this code does not know: it is newer than this code.`);
      if (file.checksum !== row.checksum) {
        throw new MigrationError(`Migration ${row.migration_name} was edited after it was applied (checksum mismatch); restore the file or add a new migration.`);
      }
    }
    const done = new Set(history.map((r) => r.migration_name));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      options.log?.(`applying migration ${migration.name}`);
      const id = randomUUID();
      await client.query('INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())', [
        id,
        migration.checksum,
        migration.name,
      ]);
      try {
        await client.query(migration.sql);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await client.query('UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1', [id, message]);
        throw new MigrationError(`Migration ${migration.name} failed: ${message}`, { cause: error });
      }
      await client.query('UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
      applied.push(migration.name);
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]).catch(() => undefined);
    await client.end();
  }
}
