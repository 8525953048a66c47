import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { applyMigrations } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { openDatabase } from "./database";
import { partLogger } from "./log";

/**
 * For one-shot commands: the configured database (starting the embedded one if needed, and
 * stopping it again afterwards), migrated to the latest schema.
 */
export async function withMigratedDatabase<T>(run: (url: string) => Promise<T>): Promise<T> {
  const config = env();
  const dataDir = resolve(config.RECOURSE_DATA_DIR);
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const log = partLogger("postgres");
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir, port: config.EMBEDDED_PG_PORT, log });
  try {
    const result = await applyMigrations(database.url, { log: log.info });
    if (result.applied.length > 0) log.info(`applied ${result.applied.length} migration(s)`);
    return await run(database.url);
  } finally {
    await database.stop();
  }
}
