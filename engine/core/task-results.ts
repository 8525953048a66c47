import type pg from "pg";
import type { Clock } from "../clock";
import { advanceLocked, lockRuns, type TaskRow } from "./progress";

/** What a worker (or the timeout sweep) reports about one attempt. */
export type AttemptEvent =
  | { type: "STARTED"; taskId: string; retryCount?: number }
  | { type: "COMPLETED"; taskId: string; retryCount?: number; payload: string }
  | { type: "FAILED"; taskId: string; retryCount?: number; payload: string; shouldNotRetry: boolean }
  | { type: "TIMED_OUT"; taskId: string; timeoutMs: number };

/** The attempt as it was when the event arrived. */
type AttemptRow = Pick<TaskRow, "id" | "run_id" | "status" | "retry_count" | "worker_id">;

export interface TaskChange {
  /** Runs that ended with these events: their waiters must be told. */
  runsFinished: string[];
  /** A task went back to the queue, or a new one became ready: the scheduler must look. */
  requeued: boolean;
  /** Attempts that ended by timing out: their workers must be told to cancel. */
  timedOut: AttemptRow[];
}

/** Everything a batch decides, written afterwards with one statement per kind. */
class Writes {
  readonly events: { taskId: string; retryCount: number; type: string; message: string }[] = [];
  readonly completed: { id: string; output: string }[] = [];
  readonly failed: { id: string; error: string }[] = [];
  readonly retried: { id: string; appRetry: number; error: string; at: Date }[] = [];

  async apply(client: pg.PoolClient, now: Date): Promise<void> {
    if (this.completed.length > 0) {
      await client.query(
        "UPDATE hatchet.tasks t SET status = 'COMPLETED', output = c.output::jsonb, finished_at = $3 FROM unnest($1::uuid[], $2::text[]) AS c(id, output) WHERE t.id = c.id",
        [this.completed.map((c) => c.id), this.completed.map((c) => c.output), now],
      );
    }
    if (this.failed.length > 0) {
      await client.query("UPDATE hatchet.tasks t SET status = 'FAILED', error = c.error, finished_at = $3 FROM unnest($1::uuid[], $2::text[]) AS c(id, error) WHERE t.id = c.id", [
        this.failed.map((f) => f.id),
        this.failed.map((f) => f.error),
        now,
      ]);
    }
    if (this.retried.length > 0) {
      await client.query(
        `UPDATE hatchet.tasks t SET status = 'QUEUED', retry_count = t.retry_count + 1, app_retry_count = c.app_retry, worker_id = NULL, assigned_at = NULL,
           timeout_at = NULL, error = c.error, available_at = c.at, queued_at = c.at
         FROM unnest($1::uuid[], $2::int[], $3::text[], $4::timestamptz[]) AS c(id, app_retry, error, at) WHERE t.id = c.id`,
        [this.retried.map((r) => r.id), this.retried.map((r) => r.appRetry), this.retried.map((r) => r.error), this.retried.map((r) => r.at)],
      );
    }
    if (this.events.length > 0) {
      await client.query(
        `INSERT INTO hatchet.task_events (task_id, retry_count, event_type, message, created_at)
         SELECT e.id, e.retry_count, e.type, e.message, $5 FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[]) AS e(id, retry_count, type, message)`,
        [this.events.map((e) => e.taskId), this.events.map((e) => e.retryCount), this.events.map((e) => e.type), this.events.map((e) => e.message), now],
      );
    }
  }
}

/**
 * Records attempt events in the caller's transaction, many at once. STARTED is only recorded.
 * For the others: locks the runs, then the tasks of the attempts (the engine-wide lock order),
 * reads the runs' tasks once for both the attempt checks and the DAG rules; checks each event
 * against the task's current attempt —
 * events for a finished task or an older attempt are stale (SDK retries, late workers) and change
 * nothing — and moves the runs forward. Failures retry while app retries remain (engine source
 * v1_task_update_function): the n-th retry waits min(backoffMaxSeconds ?? 86400, factor^n)
 * seconds, or starts at once without a factor.
 */
export async function recordAttemptEvents(client: pg.PoolClient, clock: Clock, all: AttemptEvent[]): Promise<TaskChange> {
  const started = all.filter((e) => e.type === "STARTED");
  const events = all.filter((e) => e.type !== "STARTED");
  if (started.length > 0) await recordStarted(client, clock.now(), started);
  if (events.length === 0) return { runsFinished: [], requeued: false, timedOut: [] };
  // The runs and all their tasks, read once: the attempt checks and the DAG rules share the rows.
  const attempts = [...new Set(events.map((e) => e.taskId))];
  const locked = await lockRuns(client, { taskIds: attempts }, attempts);
  const tasks = new Map([...locked.tasksByRun.values()].flat().map((row) => [row.id, row]));
  const now = clock.now();
  const writes = new Writes();
  const touchedRuns = new Set<string>();
  const timedOut: AttemptRow[] = [];
  let requeued = false;

  const fail = (task: TaskRow, error: string, retryable: boolean, type: string) => {
    writes.events.push({ taskId: task.id, retryCount: task.retry_count, type, message: error });
    if (retryable && task.app_retry_count < task.max_retries) {
      const appRetry = task.app_retry_count + 1;
      const delaySeconds = task.backoff_factor === null ? 0 : Math.min(task.backoff_max_seconds ?? 86_400, task.backoff_factor ** appRetry);
      writes.retried.push({ id: task.id, appRetry, error, at: new Date(now.getTime() + delaySeconds * 1000) });
      writes.events.push({ taskId: task.id, retryCount: task.retry_count, type: "RETRYING", message: error });
      task.status = "QUEUED";
      requeued = true;
    } else {
      writes.failed.push({ id: task.id, error });
      task.status = "FAILED";
      touchedRuns.add(task.run_id);
    }
  };

  for (const event of events) {
    const task = tasks.get(event.taskId);
    const retryCount = event.type === "TIMED_OUT" ? undefined : event.retryCount;
    if (!task || task.status !== "RUNNING" || (retryCount !== undefined && retryCount !== task.retry_count)) continue;
    switch (event.type) {
      case "COMPLETED": {
        let output: unknown;
        try {
          output = JSON.parse(event.payload || "null");
        } catch (error) {
          // Output that is not JSON fails the attempt for good, as Hatchet does.
          fail(task, `invalid output: ${(error as Error).message}`, false, "FAILED");
          break;
        }
        // Stored as sent: it parsed, and PostgreSQL normalizes jsonb itself.
        writes.completed.push({ id: task.id, output: event.payload || "null" });
        writes.events.push({ taskId: task.id, retryCount: task.retry_count, type: "FINISHED", message: "" });
        task.status = "COMPLETED";
        task.output = output;
        touchedRuns.add(task.run_id);
        break;
      }
      case "FAILED":
        // Hatchet stores the payload verbatim as the error: users see {"message":…,"stack":…}.
        fail(task, event.payload, !event.shouldNotRetry, "FAILED");
        break;
      case "TIMED_OUT":
        timedOut.push({ id: task.id, run_id: task.run_id, status: task.status, retry_count: task.retry_count, worker_id: task.worker_id });
        fail(task, `Task exceeded timeout of ${formatDuration(event.timeoutMs)}`, true, "TIMED_OUT");
        break;
    }
  }
  await writes.apply(client, now);
  const progress = await advanceLocked(client, clock, locked, [...touchedRuns]);
  return { runsFinished: progress.finished, requeued: requeued || progress.queued, timedOut };
}

/**
 * STARTED changes no state, it is only recorded (and tells the sweep that the assignment
 * arrived): one insert for the current attempts, without locking runs or tasks. A task ending at
 * the same moment may still get the event of the attempt that just ended, which is true.
 */
async function recordStarted(client: pg.PoolClient, now: Date, events: Extract<AttemptEvent, { type: "STARTED" }>[]): Promise<void> {
  await client.query(
    `INSERT INTO hatchet.task_events (task_id, retry_count, event_type, created_at)
     SELECT t.id, t.retry_count, 'STARTED', $3 FROM unnest($1::uuid[], $2::int[]) WITH ORDINALITY AS e(id, retry_count, n) JOIN hatchet.tasks t ON t.id = e.id
     WHERE t.status = 'RUNNING' AND (e.retry_count IS NULL OR e.retry_count = t.retry_count) ORDER BY e.n`,
    [events.map((e) => e.taskId), events.map((e) => e.retryCount ?? null), now],
  );
}

function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
