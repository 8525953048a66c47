import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "./generated/prisma/client";
import { env } from "./env";

export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;

/** A Prisma client over node-postgres (no engine binary at run time). */
export function createDb(databaseUrl: string, options: { max?: number } = {}): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: options.max ?? 10 }) });
}

const globalForDb = globalThis as unknown as { recourseDb?: Db };

/**
 * The process's client, created on first use (Next.js dev reloads modules: the global keeps one pool).
 * Code under test receives a Db as an argument instead.
 */
export function db(): Db {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start Recourse with `npm start`, which provides it.");
  globalForDb.recourseDb ??= createDb(url);
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
    /** How long to wait for a pooled connection (Prisma's default: 2 s); raise it where callers queue on a lock. */
    maxWaitMs?: number;
  } = {},
): Promise<T> {
  try {
    return await client.$transaction(fn, {
      isolationLevel: options.isolationLevel ?? "ReadCommitted",
      timeout: options.timeoutMs ?? 15_000,
      ...(options.maxWaitMs !== undefined ? { maxWait: options.maxWaitMs } : {}),
    });
  } catch (error) {
    if (error instanceof Error) error.message = `[tx ${name}] ${error.message}`;
    throw error;
  }
}
