import { ensureDatabase, startEmbeddedPostgres } from "@/lib/postgres/embedded";
import { resolvePgDataDir } from "./data-dir";
import type { PartLogger } from "./log";

export interface Database {
  url: string;
  mode: "embedded" | "external";
  stop(): Promise<void>;
}

const DATABASE_NAME = "recourse";

/** DATABASE_URL when set; otherwise a real PostgreSQL started from npm, its data kept in the data folder. */
export async function openDatabase(options: { databaseUrl: string | undefined; dataDir: string; port: number; log: PartLogger }): Promise<Database> {
  if (options.databaseUrl) return { url: options.databaseUrl, mode: "external", stop: async () => undefined };
  const dataDir = resolvePgDataDir(options.dataDir, options.log.warn);
  // Postgres' own log is noisy; keep it quiet unless it reports a problem.
  const server = await startEmbeddedPostgres({
    dataDir,
    port: options.port,
    onLog: (chunk) => {
      for (const line of chunk.split("\n")) {
        // Sessions cut off by a shutdown are expected, not a problem worth showing.
        if (/FATAL|PANIC|ERROR/.test(line) && !/administrator command/.test(line)) options.log.warn(line.trim());
      }
    },
  });
  await ensureDatabase(server.url, DATABASE_NAME);
  options.log.info(`PostgreSQL 18 on 127.0.0.1:${server.port}, data in ${dataDir}`);
  return { url: server.urlFor(DATABASE_NAME), mode: "embedded", stop: () => server.stop() };
}
