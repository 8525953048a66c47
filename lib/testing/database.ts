import { createHash, randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { applyMigrations, readMigrations } from "../db/migrate";
import { startEmbeddedPostgres, type RunningPostgres } from "../postgres/embedded";

/** Set by scripts/run-tests.ts: one throw-away cluster shared by every test process of a run. */
export const TEST_CLUSTER_ENV = "RECOURSE_TEST_PG_URL";

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

let ownCluster: Promise<RunningPostgres> | undefined;

/**
 * A fresh database for one test file: empty, or a copy of a migrated template (CREATE DATABASE …
 * TEMPLATE takes ~50 ms, where replaying migrations would take seconds per file). Uses the run's
 * shared cluster, or starts a private throw-away one when a test file is run on its own.
 */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = await clusterAdminUrl();
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const template = options.migrate ? await migratedTemplate(adminUrl) : undefined;
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ""}`));
  const url = withDatabase(adminUrl, name);
  return {
    url,
    name,
    async drop() {
      await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** Starts a throw-away cluster (used by the test runner, and by lone test files); stop() removes it. */
export async function startTestCluster(): Promise<RunningPostgres> {
  const folder = mkdtempSync(join(tmpdir(), "recourse-pg-"));
  chmodSync(folder, 0o755); // mkdtemp makes it 0700; the `postgres` user must walk into it
  const cluster = await startEmbeddedPostgres({ dataDir: join(folder, "data"), port: 0, ephemeral: true });
  return {
    ...cluster,
    async stop() {
      await cluster.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function clusterAdminUrl(): Promise<string> {
  const shared = process.env[TEST_CLUSTER_ENV];
  if (shared) return shared;
  ownCluster ??= startTestCluster().then((cluster) => {
    process.once("beforeExit", () => void cluster.stop());
    return cluster;
  });
  return (await ownCluster).url;
}

/** One migrated template per distinct migration history, built once per cluster under a lock. */
async function migratedTemplate(adminUrl: string): Promise<string> {
  const migrations = await readMigrations();
  const digest = createHash("sha256").update(migrations.map((m) => `${m.name}:${m.checksum}`).join("\n")).digest("hex").slice(0, 16);
  const template = `tpl_${digest}`;
  await withClient(adminUrl, async (c) => {
    await c.query("SELECT pg_advisory_lock(4242)");
    try {
      const { rowCount } = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [template]);
      if (rowCount) return;
      const building = `${template}_building`;
      await c.query(`DROP DATABASE IF EXISTS ${building}`);
      await c.query(`CREATE DATABASE ${building}`);
      await applyMigrations(withDatabase(adminUrl, building));
      // Renamed only when complete, so a crash mid-build never leaves a half-migrated template.
      await c.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
    } finally {
      await c.query("SELECT pg_advisory_unlock(4242)");
    }
  });
  return template;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
