import type { Db } from "../db";

export interface OutboxBacklog {
  /** Unpublished events. */
  readonly count: number;
  /** Age of the oldest unpublished event in ms (0 when none). */
  readonly oldestAgeMs: number;
  /** Unpublished events that failed at least once. */
  readonly retrying: number;
}

/** How far the relay is behind: for health checks, metrics and the console. */
export async function outboxBacklog(db: Db, now: Date = new Date()): Promise<OutboxBacklog> {
  const [row] = await db.$queryRaw<{ count: number; oldest: Date | null; retrying: number }[]>`
    SELECT count(*)::int AS count, min(created_at) AS oldest, count(*) FILTER (WHERE last_error IS NOT NULL)::int AS retrying
      FROM outbox_events WHERE published_at IS NULL`;
  return {
    count: row?.count ?? 0,
    oldestAgeMs: row?.oldest ? Math.max(0, now.getTime() - row.oldest.getTime()) : 0,
    retrying: row?.retrying ?? 0,
  };
}
