import type pg from "pg";
import type { Clock } from "../clock";
import { advanceRuns } from "./progress";

export interface CancelledAttempt {
  taskId: string;
  runId: string;
  workerId: string;
  retryCount: number;
  actionId: string;
  readableId: string;
}

/**
 * Cancels tasks (REST cancel, concurrency, parent failure): marks them CANCELLED with a reason and
 * moves their runs on. Running attempts are returned so the caller sends CANCEL_STEP_RUN; the SDK
 * sends no step event after a cancel, so the engine records the final state itself.
 */
export async function cancelTasks(client: pg.PoolClient, clock: Clock, taskIds: string[], reason: string): Promise<{ running: CancelledAttempt[]; runsFinished: string[] }> {
  const now = clock.now();
  // Lock order everywhere: the runs, then their tasks.
  await client.query("SELECT 1 FROM hatchet.runs WHERE id IN (SELECT run_id FROM hatchet.tasks WHERE id = ANY($1)) ORDER BY id FOR UPDATE", [taskIds]);
  const { rows } = await client.query<{ id: string; run_id: string; status: string; worker_id: string | null; retry_count: number; action_id: string; readable_id: string }>(
    `UPDATE hatchet.tasks t SET status = 'CANCELLED', error = $2, finished_at = $3
     FROM (SELECT id, status AS old_status FROM hatchet.tasks WHERE id = ANY($1) AND status IN ('PENDING', 'WAITING', 'QUEUED', 'RUNNING') ORDER BY id FOR UPDATE) old
     WHERE t.id = old.id
     RETURNING t.id, t.run_id, old.old_status AS status, t.worker_id, t.retry_count, t.action_id, t.readable_id`,
    [taskIds, reason, now],
  );
  // A task cancelled while waiting on its conditions leaves no waits behind.
  const waited = rows.filter((r) => r.status === "WAITING").map((r) => r.id);
  if (waited.length > 0) await client.query("DELETE FROM hatchet.waits WHERE task_id = ANY($1::uuid[]) AND branch_id = 0 AND node_id = 0", [waited]);
  await client.query(
    "INSERT INTO hatchet.task_events (task_id, retry_count, event_type, message, created_at) SELECT e.id, e.retry_count, 'CANCELLED', $3, $4 FROM unnest($1::uuid[], $2::int[]) AS e(id, retry_count)",
    [rows.map((r) => r.id), rows.map((r) => r.retry_count), reason, now],
  );
  const { finished: runsFinished } = await advanceRuns(client, clock, [...new Set(rows.map((r) => r.run_id))]);
  const running = rows
    .filter((r) => r.status === "RUNNING" && r.worker_id)
    .map((r) => ({ taskId: r.id, runId: r.run_id, workerId: r.worker_id!, retryCount: r.retry_count, actionId: r.action_id, readableId: r.readable_id }));
  return { running, runsFinished };
}
