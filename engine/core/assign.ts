import type pg from "pg";

export interface Pick {
  id: string;
  runId: string;
  workerId: string;
  timeoutMs: number;
}

/**
 * Writes a scheduling pass's picks in its transaction and returns the ids it could take.
 *
 * Runs first, as every writer locks a run before its tasks: a run's first assignment makes it
 * RUNNING (which also admits it under workflow-level concurrency keys). Then the tasks that are
 * still QUEUED, skipping any another transaction holds (a cancel, a DAG step deciding its run):
 * the pass never waits for a task lock, so it cannot deadlock with those writers, and a skipped
 * task is simply looked at again next pass. The ASSIGNED events go in the same statement.
 */
export async function writeAssignments(client: pg.PoolClient, picks: Pick[], assignedAt: Date, now: Date): Promise<Set<string>> {
  if (picks.length === 0) return new Set();
  const runIds = [...new Set(picks.map((p) => p.runId))].sort();
  await client.query("UPDATE hatchet.runs SET status = 'RUNNING' WHERE id = ANY($1::uuid[]) AND status = 'QUEUED'", [runIds]);
  const { rows } = await client.query<{ id: string }>(
    // Every dispatch of a durable task is a new invocation that numbers its nodes from 1 again.
    `WITH taken AS (
       SELECT id FROM hatchet.tasks WHERE id = ANY($1::uuid[]) AND status = 'QUEUED' FOR UPDATE SKIP LOCKED
     ), assigned AS (
       UPDATE hatchet.tasks t SET status = 'RUNNING', worker_id = p.worker_id, assigned_at = $4, timeout_at = p.timeout_at,
         invocation = CASE WHEN t.durable THEN t.invocation + 1 ELSE t.invocation END, node_cursor = 0, evicted = false
       FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) AS p(id, worker_id, timeout_at)
       WHERE t.id = p.id AND t.id IN (SELECT id FROM taken)
       RETURNING t.id, t.retry_count
     ), events AS (
       INSERT INTO hatchet.task_events (task_id, retry_count, event_type, created_at) SELECT id, retry_count, 'ASSIGNED', $5 FROM assigned
     )
     SELECT id FROM assigned`,
    [picks.map((p) => p.id), picks.map((p) => p.workerId), picks.map((p) => new Date(assignedAt.getTime() + p.timeoutMs)), assignedAt, now],
  );
  return new Set(rows.map((r) => r.id));
}
