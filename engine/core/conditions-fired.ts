import type pg from "pg";
import type { Clock } from "../clock";
import type { FiredOwner } from "../durable/waits";
import { advanceRuns, type Progress } from "./progress";

/**
 * A WAITING DAG task whose conditions fired (an event, a sleep): QUEUE queues it with the data
 * that fired as its `triggers`, SKIP completes it as `{skipped: true}`, CANCEL cancels it; then
 * its run moves on. Runs are locked before tasks, as everywhere.
 */
export async function applyFiredConditions(client: pg.PoolClient, clock: Clock, fired: FiredOwner[]): Promise<Progress> {
  const taskIds = fired.map((f) => f.taskId);
  await client.query("SELECT 1 FROM hatchet.runs WHERE id IN (SELECT run_id FROM hatchet.tasks WHERE id = ANY($1::uuid[])) ORDER BY id FOR UPDATE", [taskIds]);
  const { rows } = await client.query<{ id: string; run_id: string }>(
    "SELECT id, run_id FROM hatchet.tasks WHERE id = ANY($1::uuid[]) AND status = 'WAITING' ORDER BY id FOR UPDATE",
    [taskIds],
  );
  const waiting = new Set(rows.map((r) => r.id));
  const now = clock.now();
  const updates = fired
    .filter((f) => waiting.has(f.taskId))
    .map((f) => {
      const status = f.action === "SKIP" ? "COMPLETED" : f.action === "CANCEL" ? "CANCELLED" : "QUEUED";
      // Engine source ToV1StepRunData: each key gives its first datum.
      const triggers = Object.fromEntries(Object.entries(f.data[f.action] ?? {}).map(([key, values]) => [key, values[0] ?? null]));
      return { id: f.taskId, status, output: f.action === "SKIP" ? JSON.stringify({ skipped: true }) : null, triggers: JSON.stringify(triggers), event: f.action === "SKIP" ? "SKIPPED" : status };
    });
  if (updates.length === 0) return { finished: [], queued: false };
  await client.query(
    `UPDATE hatchet.tasks t SET status = u.status, output = COALESCE(u.output::jsonb, t.output), triggers = u.triggers::jsonb,
       queued_at = CASE WHEN u.status = 'QUEUED' THEN $5 ELSE t.queued_at END, available_at = CASE WHEN u.status = 'QUEUED' THEN $5 ELSE t.available_at END,
       finished_at = CASE WHEN u.status = 'QUEUED' THEN NULL ELSE $5 END
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS u(id, status, output, triggers) WHERE t.id = u.id`,
    [updates.map((u) => u.id), updates.map((u) => u.status), updates.map((u) => u.output), updates.map((u) => u.triggers), now],
  );
  await client.query(
    "INSERT INTO hatchet.task_events (task_id, retry_count, event_type, created_at) SELECT id, retry_count, e.type, $3 FROM unnest($1::uuid[], $2::text[]) AS e(id, type) JOIN hatchet.tasks t USING (id)",
    [updates.map((u) => u.id), updates.map((u) => u.event), now],
  );
  const progress = await advanceRuns(client, clock, [...new Set(rows.map((r) => r.run_id))]);
  return { finished: progress.finished, queued: progress.queued || updates.some((u) => u.status === "QUEUED") };
}
