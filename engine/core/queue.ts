import type pg from "pg";
import type { HeldKey } from "./concurrency";
import type { RateLimitClaim } from "./rate-limits";
import type { QueueGroup } from "./slots";

/** A queued task as the scheduler sees it. */
export interface QueuedTask {
  id: string;
  run_id: string;
  action_id: string;
  slot_type: string;
  slot_cost: number;
  timeout_ms: number;
  desired_worker_id: string | null;
  priority: number;
  queued_at: Date;
  concurrency: HeldKey[];
  rate_limits: RateLimitClaim[];
  /** The run has workflow-level concurrency keys (admitted with its first task). */
  run_concurrency: boolean;
}

/** Where a queue's previous page ended: the next one starts after it. */
export interface QueueCursor {
  priority: number;
  queuedAt: Date;
  id: string;
}

export interface QueuePage {
  group: QueueGroup;
  /** Start after this task (the tasks before it were looked at already in this pass). */
  after?: QueueCursor;
  limit: number;
}

/**
 * The heads of several queues in one statement: per (action, slot type), the first `limit`
 * available tasks in priority then arrival order after the cursor (index `tasks_queue`: equality
 * on the queue, the cursor as a row-comparison bound, rows read in index order).
 * No row is locked: the assignment itself only takes tasks that are still QUEUED.
 */
export async function readQueues(client: pg.Pool | pg.PoolClient, tenantId: string, now: Date, pages: QueuePage[]): Promise<QueuedTask[]> {
  if (pages.length === 0) return [];
  const { rows } = await client.query<QueuedTask>(
    `SELECT q.* FROM unnest($3::text[], $4::text[], $5::int[], $6::int[], $7::timestamptz[], $8::uuid[]) AS g(action_id, slot_type, lim, after_priority, after_queued_at, after_id)
     CROSS JOIN LATERAL (
       SELECT t.id, t.run_id, t.action_id, t.slot_type, t.slot_cost, t.timeout_ms, t.desired_worker_id, t.priority, t.queued_at, t.concurrency, t.rate_limits, t.run_concurrency
       FROM hatchet.tasks t
       WHERE t.status = 'QUEUED' AND t.action_id = g.action_id AND t.slot_type = g.slot_type
         AND (-t.priority, t.queued_at, t.id) > (-g.after_priority, g.after_queued_at, g.after_id)
         AND t.tenant_id = $1 AND t.available_at <= $2
       ORDER BY -t.priority, t.queued_at, t.id
       LIMIT g.lim
     ) q`,
    [
      tenantId,
      now,
      pages.map((p) => p.group.actionId),
      pages.map((p) => p.group.slotType),
      pages.map((p) => p.limit),
      // No cursor: a position before every task, so the bound is always an index condition.
      pages.map((p) => p.after?.priority ?? 2_147_483_647),
      pages.map((p) => p.after?.queuedAt ?? "-infinity"),
      pages.map((p) => p.after?.id ?? "00000000-0000-0000-0000-000000000000"),
    ],
  );
  return rows;
}

/** Priority first (higher first), then arrival, then id: the order every queue is served in. */
export function queueOrder(a: QueuedTask, b: QueuedTask): number {
  return b.priority - a.priority || a.queued_at.getTime() - b.queued_at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
