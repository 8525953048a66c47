import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "./generated/prisma/client";
import { env } from "./env";

export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;

/** A Prisma client over node-postgres (no engine binary at run time). */
export function createDb(databaseUrl: string, options: { max?: number } = {}): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: options.max ?? 10 }) });
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
      isolationLevel: options.isolationLevel ?? "ReadCommitted",
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
