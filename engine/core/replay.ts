import type pg from "pg";
import type { Clock } from "../clock";
import { advanceRun } from "./progress";

const FINISHED = ["COMPLETED", "FAILED", "CANCELLED", "SKIPPED"];

/**
 * REST replay: finished tasks run again as a new attempt (retry count + 1, app retries reset),
 * and every task downstream of them in the DAG waits again for its parents. Their runs are open
 * again; running or queued tasks are left alone. Returns the ids that were replayed.
 */
export async function replayTasks(client: pg.PoolClient, clock: Clock, taskIds: string[]): Promise<string[]> {
  const now = clock.now();
  const { rows: runs } = await client.query<{ id: string }>(
    "SELECT id FROM hatchet.runs WHERE id IN (SELECT run_id FROM hatchet.tasks WHERE id = ANY($1)) ORDER BY id FOR UPDATE",
    [taskIds],
  );
  const replayed: string[] = [];
  for (const { id: runId } of runs) {
    const { rows: tasks } = await client.query<{ id: string; readable_id: string; kind: string; parents: string[]; status: string }>(
      "SELECT id, readable_id, kind, parents, status FROM hatchet.tasks WHERE run_id = $1 ORDER BY id FOR UPDATE",
      [runId],
    );
    const chosen = new Set(tasks.filter((t) => taskIds.includes(t.id) && FINISHED.includes(t.status) && t.kind === "task").map((t) => t.readable_id));
    if (chosen.size === 0) continue;
    // Everything downstream of a replayed task runs again after it.
    const downstream = new Set<string>();
    let grew = true;
    while (grew) {
      grew = false;
      for (const task of tasks) {
        if (chosen.has(task.readable_id) || downstream.has(task.readable_id) || task.kind !== "task") continue;
        if (task.parents.some((p) => chosen.has(p) || downstream.has(p))) {
          downstream.add(task.readable_id);
          grew = true;
        }
      }
    }
    for (const task of tasks) {
      const again = chosen.has(task.readable_id);
      const waits = downstream.has(task.readable_id) || task.kind === "on_failure";
      if (!again && !waits) continue;
      await client.query(
        `UPDATE hatchet.tasks SET status = $2, retry_count = retry_count + 1, app_retry_count = 0, internal_retry_count = 0, output = NULL, error = NULL,
           worker_id = NULL, assigned_at = NULL, timeout_at = NULL, finished_at = NULL, queued_at = $3, available_at = $4
         WHERE id = $1`,
        [task.id, "PENDING", null, now],
      );
      await client.query("INSERT INTO hatchet.task_events (task_id, retry_count, event_type, created_at) SELECT id, retry_count, 'RETRIED_BY_USER', $2 FROM hatchet.tasks WHERE id = $1", [task.id, now]);
      if (again) replayed.push(task.id);
    }
    await client.query("UPDATE hatchet.runs SET status = 'QUEUED', finished_at = NULL WHERE id = $1", [runId]);
    // Queues whatever now has all its parents completed (the replayed roots among them).
    await advanceRun(client, clock, runId);
  }
  return replayed;
}
