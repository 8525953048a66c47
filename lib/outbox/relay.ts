import type { Db } from "../db";

/** One outbox row as handed to a publisher. */
export interface OutboxMessage {
  /** The row id (a bigint) as a decimal string. */
  readonly id: string;
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly eventKey: string;
  readonly scope: string | null;
  readonly payload: unknown;
  /** Consumers drop a redelivery by it: delivery is at least once. */
  readonly idempotencyKey: string;
  readonly createdAt: Date;
  /** 1 on the first try. */
  readonly attempt: number;
}

/** Delivers one event; throws to have it retried later. */
export type Publish = (message: OutboxMessage) => Promise<void>;

export interface RelayOptions {
  readonly batchSize?: number;
  /** How long a claim keeps other relays off a row; past it the row is taken again (a crashed relay). */
  readonly leaseMs?: number;
  /** Retry backoff: base × 2^(attempt-1), at most max. */
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  readonly now?: () => Date;
}

export interface RelayBatchResult {
  readonly claimed: number;
  readonly published: number;
  readonly failed: number;
}

interface ClaimedRow {
  id: bigint;
  aggregate_type: string;
  aggregate_id: string;
  event_key: string;
  scope: string | null;
  payload: unknown;
  idempotency_key: string;
  created_at: Date;
  attempts: number;
}

/**
 * Publishes one batch of unpublished outbox events, at least once and in id order per aggregate.
 *
 * Claiming is one statement: rows whose lease or backoff has passed and that have no earlier
 * unpublished row of the same aggregate, locked with FOR UPDATE SKIP LOCKED (so relays never wait
 * on each other) and leased by moving next_attempt_at ahead. Only the head of each aggregate is
 * claimable, so a later event never overtakes an earlier one that is failing or held by another
 * relay. All state is in PostgreSQL: a restarted relay picks up where any relay left off.
 */
export async function relayOutboxBatch(db: Db, publish: Publish, options: RelayOptions = {}): Promise<RelayBatchResult> {
  const now = options.now ?? (() => new Date());
  const batchSize = options.batchSize ?? 100;
  const leaseMs = options.leaseMs ?? 60_000;
  const baseMs = options.backoffBaseMs ?? 1_000;
  const maxMs = options.backoffMaxMs ?? 600_000;
  const claimedAt = now();
  const rows = await db.$queryRaw<ClaimedRow[]>`
    UPDATE outbox_events e
       SET next_attempt_at = ${new Date(claimedAt.getTime() + leaseMs)}, attempts = e.attempts + 1
     WHERE e.id IN (
       SELECT c.id FROM outbox_events c
        WHERE c.published_at IS NULL
          AND (c.next_attempt_at IS NULL OR c.next_attempt_at <= ${claimedAt})
          AND NOT EXISTS (
            SELECT 1 FROM outbox_events p
             WHERE p.aggregate_type = c.aggregate_type AND p.aggregate_id = c.aggregate_id
               AND p.id < c.id AND p.published_at IS NULL)
        ORDER BY c.id
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED)
    RETURNING e.id, e.aggregate_type, e.aggregate_id, e.event_key, e.scope, e.payload, e.idempotency_key, e.created_at, e.attempts`;
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let published = 0;
  let failed = 0;
  for (const row of rows) {
    const message: OutboxMessage = {
      id: row.id.toString(),
      aggregateType: row.aggregate_type,
      aggregateId: row.aggregate_id,
      eventKey: row.event_key,
      scope: row.scope,
      payload: row.payload,
      idempotencyKey: row.idempotency_key,
      createdAt: row.created_at,
      attempt: row.attempts,
    };
    try {
      await publish(message);
      await db.$executeRaw`UPDATE outbox_events SET published_at = ${now()}, next_attempt_at = NULL WHERE id = ${row.id}`;
      published += 1;
    } catch (error) {
      const delay = Math.min(maxMs, baseMs * 2 ** Math.min(row.attempts - 1, 30));
      const lastError = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 2_000);
      await db.$executeRaw`UPDATE outbox_events SET last_error = ${lastError}, next_attempt_at = ${new Date(now().getTime() + delay)} WHERE id = ${row.id} AND published_at IS NULL`;
      failed += 1;
    }
  }
  return { claimed: rows.length, published, failed };
}
