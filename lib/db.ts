import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "./generated/prisma/client";
import { env } from "./env";

export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;

const pools = new WeakMap<Db, pg.Pool>();

/**
 * A Prisma client over node-postgres (no engine binary at run time). The client owns its pool
 * ($disconnect ends it); `readRows` borrows the same connections.
 */
export function createDb(databaseUrl: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ ...readCommittedByDefault(databaseUrl), max: options.max ?? 10 });
  // An idle connection that the server ends (restart, DROP DATABASE … FORCE in tests) must not
  // crash the process before Prisma has connected and attached its own listener.
  pool.on("error", () => undefined);
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(client, pool);
  return client;
}

const READ_COMMITTED = "-c default_transaction_isolation=read\\ committed";

/**
 * Transactions rely on READ COMMITTED (each statement sees what committed before it, e.g. the dial
 * gate's counts after its locks): made every session's default at connect time, whatever the
 * server's, so `transaction` need not send SET TRANSACTION ISOLATION LEVEL, a round trip per
 * transaction. A startup option, not a statement: the URL's own `options` are kept (they would
 * replace a separate one).
 */
function readCommittedByDefault(databaseUrl: string): pg.PoolConfig {
  try {
    const url = new URL(databaseUrl);
    const own = url.searchParams.get("options");
    url.searchParams.set("options", own ? `${own} ${READ_COMMITTED}` : READ_COMMITTED);
    return { connectionString: url.toString() };
  } catch {
    // Not a WHATWG URL (e.g. a socket directory for host): node-postgres still reads it.
    return { connectionString: databaseUrl, options: READ_COMMITTED };
  }
}

/**
 * Instants and dates parsed as Prisma's adapter parses them, so `readRows` agrees with Prisma
 * whatever the session's TimeZone: the adapter writes timestamps as UTC wall-clock text and reads
 * a timestamptz's wall clock as UTC, dropping the offset (normalize_timestamptz); a `date` is
 * midnight UTC (node-postgres would make local midnight). Per query, never on pg's global parsers,
 * which the adapter falls back on.
 */
const TIMESTAMPTZ_OID = 1184;
const DATE_OID = 1082;
const instantAsPrismaReads = (text: string): Date => {
  // "2026-12-02 06:22:30.123+00" or "…+05:30": cut the offset by position (twice as fast as a
  // regular expression, and a page holds 150 of these); anything else takes the general path.
  const n = text.length;
  const cut = text[n - 3] === "+" || text[n - 3] === "-" ? n - 3 : text[n - 6] === "+" || text[n - 6] === "-" ? n - 6 : -1;
  if (cut >= 19 && text[10] === " ") return new Date(`${text.slice(0, 10)}T${text.slice(11, cut)}Z`);
  return new Date(`${text.replace(" ", "T").replace(/[+-]\d{2}(:\d{2})?$/, "")}Z`);
};
const asPrismaReads: Record<number, (text: string) => Date> = {
  [TIMESTAMPTZ_OID]: instantAsPrismaReads,
  [DATE_OID]: (text) => new Date(`${text}T00:00:00Z`),
};
const readTypes = { getTypeParser: (oid: number, format?: "text" | "binary") => (format !== "binary" && asPrismaReads[oid]) || pg.types.getTypeParser(oid, format) };

/**
 * Rows of a read-only statement straight from node-postgres, on the client's pool, skipping
 * Prisma's per-cell result mapping (about half the CPU of a 50-row page, bench/README.md). Only
 * for hot read paths whose row type is pinned by a test against Prisma's own reading: `T` is
 * the caller's promise, not checked here. The statement comes from Prisma.sql, so values are
 * always parameters.
 */
export async function readRows<T>(client: Db, statement: Prisma.Sql): Promise<T[]> {
  const pool = pools.get(client);
  if (!pool) throw new Error("readRows: this client was not made by createDb");
  const result = await pool.query({ text: statement.text, values: statement.values, types: readTypes });
  return result.rows as T[];
}

const DEFAULT_MAX_WAIT_MS = 15_000;

const globalForDb = globalThis as unknown as { recourseDb?: Db };

/**
 * The process's client, created on first use (Next.js dev reloads modules: the global keeps one pool).
 * Code under test receives a Db as an argument instead.
 */
export function db(): Db {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start Recourse with `npm start`, which provides it.");
  globalForDb.recourseDb ??= createDb(url, { max: env().DATABASE_POOL_SIZE });
  return globalForDb.recourseDb;
}

/**
 * A named transaction (read committed unless asked otherwise). The name shows up in errors, so a failed
 * multi-row change says which business operation it was.
 */
export async function transaction<T>(
  client: Db,
  name: string,
  fn: (tx: Tx) => Promise<T>,
  options: {
    isolationLevel?: Prisma.TransactionIsolationLevel;
    timeoutMs?: number;
    /** How long to wait for a pooled connection; raise it where callers queue on a lock. */
    maxWaitMs?: number;
  } = {},
): Promise<T> {
  try {
    return await client.$transaction(fn, {
      // Unset: the session's READ COMMITTED (readCommittedByDefault), without a statement of its own.
      ...(options.isolationLevel ? { isolationLevel: options.isolationLevel } : {}),
      timeout: options.timeoutMs ?? 15_000,
      // Prisma's 2 s default fails a step whenever a burst of steps (a worker's slots outnumber its
      // pool) queues for connections; the queue drains in order, and a failure only adds a retry.
      maxWait: options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS,
    });
  } catch (error) {
    if (error instanceof Error) error.message = `[tx ${name}] ${error.message}`;
    throw error;
  }
}
