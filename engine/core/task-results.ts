import type pg from "pg";
import type { Clock } from "../clock";
import { advanceRun } from "./progress";

interface RunningTask {
  id: string;
  run_id: string;
  status: string;
  retry_count: number;
  app_retry_count: number;
  max_retries: number;
  backoff_factor: number | null;
  backoff_max_seconds: number | null;
  worker_id: string | null;
}

export interface TaskChange {
  /** The run ended with this change: its waiters must be told. */
  runFinished: string | null;
  /** A task went back to the queue, or a new one became ready: the scheduler must look. */
  requeued: boolean;
}

async function lockCurrentAttempt(client: pg.PoolClient, taskId: string, retryCount: number | undefined): Promise<RunningTask | undefined> {
  // Lock order everywhere: the run, then its tasks.
  await client.query("SELECT 1 FROM hatchet.runs WHERE id = (SELECT run_id FROM hatchet.tasks WHERE id = $1) FOR UPDATE", [taskId]);
  const { rows } = await client.query<RunningTask>(
    `SELECT id, run_id, status, retry_count, app_retry_count, max_retries, backoff_factor, backoff_max_seconds, worker_id
     FROM hatchet.tasks WHERE id = $1 FOR UPDATE`,
    [taskId],
  );
  const task = rows[0];
  // Events for a finished task or an older attempt are stale (SDK retries, late workers): ignore them.
  if (!task || task.status !== "RUNNING" || (retryCount !== undefined && retryCount !== task.retry_count)) return undefined;
  return task;
}

async function finish(client: pg.PoolClient, clock: Clock, task: RunningTask, requeued: boolean): Promise<TaskChange> {
  const ended = await advanceRun(client, clock, task.run_id);
  return { runFinished: ended ? task.run_id : null, requeued: requeued || !ended };
}

export async function recordStarted(client: pg.PoolClient, clock: Clock, taskId: string, retryCount: number | undefined): Promise<void> {
  const task = await lockCurrentAttempt(client, taskId, retryCount);
  if (!task) return;
  await client.query("INSERT INTO hatchet.task_events (task_id, retry_count, event_type, created_at) VALUES ($1, $2, 'STARTED', $3)", [task.id, task.retry_count, clock.now()]);
}

/** COMPLETED: the output must be JSON, else the attempt fails with the parse error (as Hatchet does). */
export async function recordCompleted(client: pg.PoolClient, clock: Clock, taskId: string, retryCount: number | undefined, payload: string): Promise<TaskChange | undefined> {
  const task = await lockCurrentAttempt(client, taskId, retryCount);
  if (!task) return undefined;
  let output: unknown;
  try {
    output = JSON.parse(payload || "null");
  } catch (error) {
    return failAttempt(client, clock, task, `invalid output: ${(error as Error).message}`, { retryable: false, eventType: "FAILED" });
  }
  const now = clock.now();
  await client.query("UPDATE hatchet.tasks SET status = 'COMPLETED', output = $2, finished_at = $3 WHERE id = $1", [task.id, JSON.stringify(output), now]);
  await client.query("INSERT INTO hatchet.task_events (task_id, retry_count, event_type, created_at) VALUES ($1, $2, 'FINISHED', $3)", [task.id, task.retry_count, now]);
  return finish(client, clock, task, false);
}

export async function recordFailed(client: pg.PoolClient, clock: Clock, taskId: string, retryCount: number | undefined, payload: string, shouldNotRetry: boolean): Promise<TaskChange | undefined> {
  const task = await lockCurrentAttempt(client, taskId, retryCount);
  if (!task) return undefined;
  // Hatchet stores the payload verbatim as the error: users see {"message":…,"stack":…}.
  return failAttempt(client, clock, task, payload, { retryable: !shouldNotRetry, eventType: "FAILED" });
}

/** Execution timeout: a retryable failure; the worker is told to cancel by the caller. */
export async function recordTimedOut(client: pg.PoolClient, clock: Clock, taskId: string, timeoutMs: number): Promise<TaskChange | undefined> {
  const task = await lockCurrentAttempt(client, taskId, undefined);
  if (!task) return undefined;
  return failAttempt(client, clock, task, `Task exceeded timeout of ${formatDuration(timeoutMs)}`, { retryable: true, eventType: "TIMED_OUT" });
}

/**
 * Retries while app retries remain (engine source v1_task_update_function): the n-th retry waits
 * min(backoffMaxSeconds ?? 86400, factor^n) seconds, or starts at once without a factor.
 */
async function failAttempt(
  client: pg.PoolClient,
  clock: Clock,
  task: RunningTask,
  error: string,
  options: { retryable: boolean; eventType: string },
): Promise<TaskChange> {
  const now = clock.now();
  await client.query("INSERT INTO hatchet.task_events (task_id, retry_count, event_type, message, created_at) VALUES ($1, $2, $3, $4, $5)", [
    task.id, task.retry_count, options.eventType, error, now,
  ]);
  if (options.retryable && task.app_retry_count < task.max_retries) {
    const retry = task.app_retry_count + 1;
    const delaySeconds = task.backoff_factor === null ? 0 : Math.min(task.backoff_max_seconds ?? 86_400, task.backoff_factor ** retry);
    const availableAt = new Date(now.getTime() + delaySeconds * 1000);
    await client.query(
      `UPDATE hatchet.tasks SET status = 'QUEUED', retry_count = retry_count + 1, app_retry_count = $2, worker_id = NULL, assigned_at = NULL,
         timeout_at = NULL, error = $3, available_at = $4, queued_at = $4 WHERE id = $1`,
      [task.id, retry, error, availableAt],
    );
    await client.query("INSERT INTO hatchet.task_events (task_id, retry_count, event_type, message, created_at) VALUES ($1, $2, 'RETRYING', $3, $4)", [task.id, task.retry_count, error, now]);
    return { runFinished: null, requeued: true };
  }
  await client.query("UPDATE hatchet.tasks SET status = 'FAILED', error = $2, finished_at = $3 WHERE id = $1", [task.id, error, now]);
  return finish(client, clock, task, false);
}

function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
