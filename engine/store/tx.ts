import type pg from "pg";

/**
 * deadlock_detected, serialization_failure, unique_violation: PostgreSQL rolled the transaction
 * back; running it again is safe, and sees what the other transaction committed (e.g. a child run
 * spawned twice at once finds the first one).
 */
const TRANSIENT = new Set(["40P01", "40001", "23505"]);
const ATTEMPTS = 5;

/**
 * Runs `fn` in one transaction; any throw rolls everything back (no half-written run). Every
 * writer locks a run before its tasks, so deadlocks should not happen; if one does, the whole
 * transaction is run again rather than failing a caller's request.
 */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      const code = (error as { code?: string }).code;
      if (attempt >= ATTEMPTS || !code || !TRANSIENT.has(code)) throw error;
    } finally {
      client.release();
    }
  }
}

export type Queryable = pg.Pool | pg.PoolClient;
