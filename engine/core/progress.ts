import type pg from "pg";
import type { Clock } from "../clock";

interface TaskRow {
  id: string;
  readable_id: string;
  kind: string;
  parents: string[];
  status: string;
  output: unknown;
}

const TERMINAL = new Set(["COMPLETED", "FAILED", "CANCELLED", "SKIPPED"]);

function isSkipped(output: unknown): boolean {
  return typeof output === "object" && output !== null && (output as { skipped?: unknown }).skipped === true;
}

/**
 * Moves a run forward after any task changed state, in the caller's transaction (engine source
 * pkg/repository/trigger.go, match.go): a task is queued when all its parents completed; a failed
 * or cancelled parent cancels it (transitively); a skipped parent skips it. The on-failure task
 * runs once everything else is terminal and something failed. Returns true when the run ended.
 */
export async function advanceRun(client: pg.PoolClient, clock: Clock, runId: string): Promise<boolean> {
  const { rows: runRows } = await client.query<{ status: string }>("SELECT status FROM hatchet.runs WHERE id = $1 FOR UPDATE", [runId]);
  if (!runRows[0] || TERMINAL.has(runRows[0].status)) return false;
  const { rows: tasks } = await client.query<TaskRow>("SELECT id, readable_id, kind, parents, status, output FROM hatchet.tasks WHERE run_id = $1 ORDER BY id FOR UPDATE", [runId]);
  const byName = new Map(tasks.filter((t) => t.kind === "task").map((t) => [t.readable_id, t]));
  const now = clock.now();
  const set = async (task: TaskRow, status: string, extra: { output?: unknown } = {}) => {
    task.status = status;
    const queued = status === "QUEUED";
    await client.query(
      `UPDATE hatchet.tasks SET status = $2, output = COALESCE($3, output), queued_at = CASE WHEN $4 THEN $5 ELSE queued_at END,
         available_at = CASE WHEN $4 THEN $5 ELSE available_at END, finished_at = CASE WHEN $4 THEN NULL ELSE $5 END WHERE id = $1`,
      [task.id, status, extra.output === undefined ? null : JSON.stringify(extra.output), queued, now],
    );
    if (!queued) await client.query("INSERT INTO hatchet.task_events (task_id, retry_count, event_type, created_at) VALUES ($1, 0, $2, $3)", [task.id, status === "SKIPPED" ? "SKIPPED" : status, now]);
  };

  let changed = true;
  while (changed) {
    changed = false;
    for (const task of tasks) {
      if (task.kind !== "task" || task.status !== "PENDING") continue;
      const parents = task.parents.map((p) => byName.get(p));
      if (parents.some((p) => p && (p.status === "FAILED" || p.status === "CANCELLED"))) {
        await set(task, "CANCELLED");
        changed = true;
      } else if (parents.every((p) => p && p.status === "COMPLETED")) {
        if (parents.some((p) => p && isSkipped(p.output))) await set(task, "COMPLETED", { output: { skipped: true } });
        else await set(task, "QUEUED");
        changed = true;
      }
    }
  }

  const mainTasks = tasks.filter((t) => t.kind === "task");
  if (!mainTasks.every((t) => TERMINAL.has(t.status))) {
    await markRunning(client, runId, tasks);
    return false;
  }
  const failed = mainTasks.some((t) => t.status === "FAILED");
  const onFailure = tasks.find((t) => t.kind === "on_failure");
  if (onFailure && onFailure.status === "PENDING") {
    if (failed) {
      await set(onFailure, "QUEUED");
      await markRunning(client, runId, tasks);
      return false;
    }
    await set(onFailure, "SKIPPED");
  }
  if (onFailure && !TERMINAL.has(onFailure.status)) return false;
  // A run rescued by its on-failure task still failed.
  const status = failed || onFailure?.status === "FAILED" ? "FAILED" : mainTasks.some((t) => t.status === "CANCELLED") ? "CANCELLED" : "COMPLETED";
  await client.query("UPDATE hatchet.runs SET status = $2, finished_at = $3 WHERE id = $1", [runId, status, now]);
  return true;
}

async function markRunning(client: pg.PoolClient, runId: string, tasks: TaskRow[]): Promise<void> {
  if (tasks.some((t) => t.status === "RUNNING" || TERMINAL.has(t.status))) {
    await client.query("UPDATE hatchet.runs SET status = 'RUNNING' WHERE id = $1 AND status = 'QUEUED'", [runId]);
  }
}
