import type pg from "pg";
import type { Clock } from "../clock";
import type { WaitCondition } from "../durable/conditions";
import { insertWaits } from "../durable/waits";
import { resolveTaskConditions, type TaskConditionsDef } from "./task-conditions";

/** A task of a locked run, as the DAG rules and the attempt checks read it. */
export interface TaskRow {
  id: string;
  run_id: string;
  readable_id: string;
  kind: string;
  parents: string[];
  status: string;
  output: unknown;
  tenant_id: string;
  conditions: TaskConditionsDef | null;
  retry_count: number;
  app_retry_count: number;
  max_retries: number;
  backoff_factor: number | null;
  backoff_max_seconds: number | null;
  worker_id: string | null;
}

/** Runs locked for update with all their tasks, as one transaction sees them. */
export interface LockedRuns {
  /** Status per locked run. */
  runs: Map<string, string>;
  tasksByRun: Map<string, TaskRow[]>;
}

const TASK_COLUMNS =
  "id, run_id, readable_id, kind, parents, status, output, tenant_id, conditions, retry_count, app_retry_count, max_retries, backoff_factor, backoff_max_seconds, worker_id";

/**
 * Locks runs (the runs given, or those of the tasks given) and reads all their tasks; of those,
 * it locks only `lockTasks`, after the runs (the engine-wide lock order).
 *
 * Why the other tasks need no lock: holding the run is enough to keep them as read. A task's
 * terminal states, and every change to a PENDING or WAITING task, are written only by holders of
 * its run's lock (step events, timeouts, cancels, DAG conditions, replays). Writers that skip the
 * run lock only move tasks between QUEUED and RUNNING (assignment, worker loss, durable restore),
 * which the DAG rules do not tell apart; the attempts a caller changes are in `lockTasks`.
 */
export async function lockRuns(client: pg.PoolClient, which: { runIds: string[] } | { taskIds: string[] }, lockTasks: string[] = []): Promise<LockedRuns> {
  const { rows: runs } =
    "runIds" in which
      ? await client.query<{ id: string; status: string }>("SELECT id, status FROM hatchet.runs WHERE id = ANY($1) ORDER BY id FOR UPDATE", [which.runIds])
      : await client.query<{ id: string; status: string }>(
          "SELECT id, status FROM hatchet.runs WHERE id IN (SELECT run_id FROM hatchet.tasks WHERE id = ANY($1)) ORDER BY id FOR UPDATE",
          [which.taskIds],
        );
  const tasksByRun = new Map<string, TaskRow[]>();
  if (runs.length > 0) {
    const { rows: others } = await client.query<TaskRow>(`SELECT ${TASK_COLUMNS} FROM hatchet.tasks WHERE run_id = ANY($1) AND id <> ALL($2::uuid[])`, [runs.map((r) => r.id), lockTasks]);
    const { rows: locked } =
      lockTasks.length === 0 ? { rows: [] } : await client.query<TaskRow>(`SELECT ${TASK_COLUMNS} FROM hatchet.tasks WHERE id = ANY($1) ORDER BY id FOR UPDATE`, [lockTasks]);
    const runIds = new Set(runs.map((r) => r.id));
    for (const task of [...others, ...locked.filter((t) => runIds.has(t.run_id))]) {
      const list = tasksByRun.get(task.run_id);
      if (list) list.push(task);
      else tasksByRun.set(task.run_id, [task]);
    }
  }
  return { runs: new Map(runs.map((r) => [r.id, r.status])), tasksByRun };
}

const TERMINAL = new Set(["COMPLETED", "FAILED", "CANCELLED", "SKIPPED"]);

export interface Progress {
  /** Runs that ended: their result waiters must be told. */
  finished: string[];
  /** Some task became QUEUED: the scheduler must look. */
  queued: boolean;
}

/** Every change one pass decides on, applied afterwards in a few set-based statements. */
class Changes {
  readonly tasks: { id: string; status: string; output: string | null }[] = [];
  readonly events: { taskId: string; type: string }[] = [];
  readonly runs: { id: string; status: string }[] = [];
  readonly running: string[] = [];
  /** Tasks whose conditions' sleeps and event waits start now. */
  readonly waiting: { task: TaskRow; waits: WaitCondition[] }[] = [];

  setTask(task: TaskRow, status: string, output?: unknown): void {
    task.status = status;
    if (output !== undefined) task.output = output;
    this.tasks.push({ id: task.id, status, output: output === undefined ? null : JSON.stringify(output) });
    if (status !== "QUEUED") this.events.push({ taskId: task.id, type: status === "COMPLETED" ? "FINISHED" : status });
  }

  async apply(client: pg.PoolClient, now: Date): Promise<void> {
    for (const { task, waits } of this.waiting) await insertWaits(client, task.tenant_id, { taskId: task.id, branchId: 0, nodeId: 0 }, waits, now);
    if (this.tasks.length > 0) {
      await client.query(
        `UPDATE hatchet.tasks t SET status = c.status, output = COALESCE(c.output::jsonb, t.output),
           queued_at = CASE WHEN c.status = 'QUEUED' THEN $4 ELSE t.queued_at END,
           available_at = CASE WHEN c.status = 'QUEUED' THEN $4 ELSE t.available_at END,
           finished_at = CASE WHEN c.status IN ('QUEUED', 'WAITING') THEN NULL ELSE $4 END
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS c(id, status, output) WHERE t.id = c.id`,
        [this.tasks.map((t) => t.id), this.tasks.map((t) => t.status), this.tasks.map((t) => t.output), now],
      );
    }
    if (this.events.length > 0) {
      await client.query(
        "INSERT INTO hatchet.task_events (task_id, retry_count, event_type, created_at) SELECT e.id, 0, e.type, $3 FROM unnest($1::uuid[], $2::text[]) AS e(id, type)",
        [this.events.map((e) => e.taskId), this.events.map((e) => e.type), now],
      );
    }
    if (this.runs.length > 0) {
      await client.query("UPDATE hatchet.runs r SET status = c.status, finished_at = $3 FROM unnest($1::uuid[], $2::text[]) AS c(id, status) WHERE r.id = c.id", [
        this.runs.map((r) => r.id),
        this.runs.map((r) => r.status),
        now,
      ]);
    }
    if (this.running.length > 0) await client.query("UPDATE hatchet.runs SET status = 'RUNNING' WHERE id = ANY($1) AND status = 'QUEUED'", [this.running]);
  }
}

/** One run's next step, decided on its locked task rows. Returns true when the run ended. */
function decide(runId: string, input: unknown, tasks: TaskRow[], changes: Changes): boolean {
  const byName = new Map(tasks.filter((t) => t.kind === "task").map((t) => [t.readable_id, t]));
  let changed = true;
  while (changed) {
    changed = false;
    for (const task of tasks) {
      if (task.kind !== "task" || task.status !== "PENDING") continue;
      const parents = task.parents.map((p) => byName.get(p));
      if (parents.some((p) => p && (p.status === "FAILED" || p.status === "CANCELLED"))) {
        changes.setTask(task, "CANCELLED");
        changed = true;
      } else if (parents.every((p) => p && p.status === "COMPLETED")) {
        const outcome = resolveTaskConditions(
          task.conditions,
          parents.map((p) => ({ readableId: p!.readable_id, output: p!.output })),
          input,
        );
        if (outcome.kind === "SKIP") changes.setTask(task, "COMPLETED", { skipped: true });
        else if (outcome.kind === "CANCEL") changes.setTask(task, "CANCELLED");
        else if (outcome.kind === "QUEUE") changes.setTask(task, "QUEUED");
        else if (outcome.kind === "WAIT") {
          changes.setTask(task, "WAITING");
          changes.waiting.push({ task, waits: outcome.waits });
        }
        changed = true;
      }
    }
  }
  const markRunning = () => {
    if (tasks.some((t) => t.status === "RUNNING" || TERMINAL.has(t.status))) changes.running.push(runId);
  };
  const mainTasks = tasks.filter((t) => t.kind === "task");
  if (!mainTasks.every((t) => TERMINAL.has(t.status))) {
    markRunning();
    return false;
  }
  const failed = mainTasks.some((t) => t.status === "FAILED");
  const onFailure = tasks.find((t) => t.kind === "on_failure");
  if (onFailure && onFailure.status === "PENDING") {
    if (failed) {
      changes.setTask(onFailure, "QUEUED");
      markRunning();
      return false;
    }
    changes.setTask(onFailure, "SKIPPED");
  }
  if (onFailure && !TERMINAL.has(onFailure.status)) return false;
  // A run rescued by its on-failure task still failed.
  const status = failed || onFailure?.status === "FAILED" ? "FAILED" : mainTasks.some((t) => t.status === "CANCELLED") ? "CANCELLED" : "COMPLETED";
  changes.runs.push({ id: runId, status });
  return true;
}

/**
 * Moves runs forward after their tasks changed state, in the caller's transaction (engine source
 * pkg/repository/trigger.go, match.go): a task is queued when all its parents completed; a failed
 * or cancelled parent cancels it (transitively); a skipped parent skips it. The on-failure task
 * runs once everything else is terminal and something failed. Many runs are decided in one pass
 * and written with a handful of statements, whatever their number.
 */
export async function advanceRuns(client: pg.PoolClient, clock: Clock, runIds: string[]): Promise<Progress> {
  if (runIds.length === 0) return { finished: [], queued: false };
  return advanceLocked(client, clock, await lockRuns(client, { runIds }), runIds);
}

/**
 * advanceRuns on runs the caller locked and read with lockRuns (and may have changed in memory,
 * having written those changes): no second read of the same rows.
 */
export async function advanceLocked(client: pg.PoolClient, clock: Clock, locked: LockedRuns, runIds: string[]): Promise<Progress> {
  const open = [...new Set(runIds)].filter((id) => locked.runs.has(id) && !TERMINAL.has(locked.runs.get(id)!));
  if (open.length === 0) return { finished: [], queued: false };
  // The run input feeds only task conditions' CEL: read it only for runs that have some pending.
  const needInput = open.filter((id) => locked.tasksByRun.get(id)?.some((t) => t.conditions && t.status === "PENDING"));
  const inputs = new Map<string, unknown>();
  if (needInput.length > 0) {
    const { rows } = await client.query<{ id: string; input: unknown }>("SELECT id, input FROM hatchet.runs WHERE id = ANY($1)", [needInput]);
    for (const row of rows) inputs.set(row.id, row.input);
  }
  const changes = new Changes();
  const finished = open.filter((runId) => decide(runId, inputs.get(runId), locked.tasksByRun.get(runId) ?? [], changes));
  await changes.apply(client, clock.now());
  for (const run of changes.runs) locked.runs.set(run.id, run.status);
  return { finished, queued: changes.tasks.some((t) => t.status === "QUEUED") };
}

/** One run; true when it ended. */
export async function advanceRun(client: pg.PoolClient, clock: Clock, runId: string): Promise<boolean> {
  return (await advanceRuns(client, clock, [runId])).finished.length > 0;
}
