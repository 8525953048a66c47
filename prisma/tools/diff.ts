import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { openSchemaEngine } from "./schema-engine";

export const SCHEMA_PATH = resolve(import.meta.dirname, "../schema.prisma");
export const MIGRATIONS_DIR = resolve(import.meta.dirname, "../migrations");

/**
 * The SQL that would take a database from the state the migrations folder builds to the state
 * schema.prisma describes; empty when they agree. Replays the migrations on a shadow database of
 * the cluster behind `databaseUrl`.
 */
export async function diffMigrationsToSchema(databaseUrl: string, options: { migrationsDir?: string; schemaPath?: string } = {}): Promise<string> {
  const migrationsDir = options.migrationsDir ?? MIGRATIONS_DIR;
  const schemaPath = options.schemaPath ?? SCHEMA_PATH;
  const schema = { path: schemaPath, content: await readFile(schemaPath, "utf8") };
  const lockPath = join(migrationsDir, "migration_lock.toml");
  const names = existsSync(migrationsDir)
    ? (await readdir(migrationsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: await readFile(join(migrationsDir, name, "migration.sql"), "utf8") } },
    })),
  );
  const engine = await openSchemaEngine(databaseUrl, schema);
  try {
    const result = await engine.diff({
      from: {
        tag: "migrations",
        baseDir: migrationsDir,
        lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? await readFile(lockPath, "utf8") : null },
        shadowDbInitScript: "",
        migrationDirectories,
      },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    const sql = result.stdout ?? "";
    // An empty diff is printed as a comment only.
    return sql.replace(/^-- This is an empty migration\.\s*$/m, "").trim();
  } finally {
    engine.free();
  }
}
