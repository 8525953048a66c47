import type pg from "pg";
import type { Clock } from "../clock";
import type { Hub } from "../hub";
import { inTransaction } from "../store/tx";
import { buildAssignedActions, cancelAction } from "./action";
import { cancelTasks } from "./cancel";
import { ConcurrencyGate, type GateCandidate, type HeldKey } from "./concurrency";
import { RateLimitGate, type RateLimitClaim } from "./rate-limits";
import { fireDueSchedules } from "./schedules";
import { recordAttemptEvents } from "./task-results";

export interface SchedulerOptions {
  tenantId: string;
  /** Silence after which a worker counts as lost and its tasks are reassigned (Hatchet: 30 s). */
  workerLossTimeoutMs: number;
  /** An assignment the worker never acknowledged (no STARTED) within this is handed out again. */
  assignmentAckTimeoutMs: number;
  /** Safety sweep for timers (retry backoff, timeouts, lost workers). */
  sweepIntervalMs: number;
  /** Runs after each sweep (durable waits' recovery). */
  afterSweep?: () => Promise<void>;
}

const BATCH = 500;
/** SERVER_MAX_INTERNAL_RETRY_COUNT: reassignments after worker loss, which do not use app retries. */
const MAX_INTERNAL_RETRIES = 10;

interface QueuedRow {
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
}

interface WorkerRow {
  id: string;
  actions: string[];
  slot_config: Record<string, number>;
}

/**
 * Assigns queued tasks to listening workers with free slots, in priority then arrival order
 * (FOR UPDATE SKIP LOCKED, so a second engine process could share the queue), and enforces the
 * timers: execution and schedule timeouts, retry backoff, worker loss.
 */
export class Scheduler {
  private running = false;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private rotation = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly hub: Hub,
    private readonly clock: Clock,
    private readonly options: SchedulerOptions,
  ) {
    hub.onWake = () => void this.pass();
  }

  start(): void {
    this.timer = setInterval(() => void this.sweep().then(() => this.pass()), this.options.sweepIntervalMs);
    this.hub.wake();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** One scheduling pass; concurrent requests coalesce into a follow-up pass. */
  async pass(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        while ((await this.assignBatch()) === BATCH);
      } while (this.again);
    } catch (error) {
      if (!String(error).includes("Cannot use a pool after calling end")) console.error("[engine] scheduling pass failed:", error);
    } finally {
      this.running = false;
    }
  }

  private async assignBatch(): Promise<number> {
    const listening = this.hub.listeningWorkers();
    if (listening.length === 0) return 0;
    const now = this.clock.now();
    // Liveness and execution timeouts are about real processes: wall time, even under a virtual clock.
    const wall = new Date();
    const cancelled: { runs: string[]; tasks: string[] } = { runs: [], tasks: [] };
    const assigned = await inTransaction(this.pool, async (client) => {
      const freshSince = new Date(wall.getTime() - this.options.workerLossTimeoutMs);
      const { rows: workers } = await client.query<WorkerRow>(
        "SELECT id, actions, slot_config FROM hatchet.workers WHERE id = ANY($1) AND NOT paused AND last_heartbeat_at >= $2 ORDER BY id",
        [listening, freshSince],
      );
      if (workers.length === 0) return [];
      const { rows: usage } = await client.query<{ worker_id: string; slot_type: string; used: number }>(
        "SELECT worker_id, slot_type, sum(slot_cost)::int AS used FROM hatchet.tasks WHERE status = 'RUNNING' AND worker_id = ANY($1) GROUP BY 1, 2",
        [workers.map((w) => w.id)],
      );
      const free = new Map<string, number>();
      for (const worker of workers) for (const [type, slots] of Object.entries(worker.slot_config)) free.set(`${worker.id}/${type}`, slots);
      for (const row of usage) free.set(`${row.worker_id}/${row.slot_type}`, (free.get(`${row.worker_id}/${row.slot_type}`) ?? 0) - row.used);
      const { rows: queued } = await client.query<QueuedRow>(
        `SELECT id, run_id, action_id, slot_type, slot_cost, timeout_ms, desired_worker_id, priority, queued_at, concurrency, rate_limits FROM hatchet.tasks
         WHERE status = 'QUEUED' AND tenant_id = $1 AND available_at <= $2
         ORDER BY priority DESC, queued_at, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        [this.options.tenantId, now],
      );
      const { rows: runs } = await client.query<{ id: string; status: string; concurrency: HeldKey[] }>(
        "SELECT id, status, concurrency FROM hatchet.runs WHERE id = ANY($1) AND concurrency <> '[]'::jsonb",
        [[...new Set(queued.map((q) => q.run_id))]],
      );
      const runInfo = new Map(runs.map((r) => [r.id, r]));
      const candidate = (task: QueuedRow): GateCandidate => ({
        id: task.id,
        runId: task.run_id,
        priority: task.priority,
        queuedAt: task.queued_at,
        runAdmitted: runInfo.get(task.run_id)?.status !== "QUEUED",
        runKeys: runInfo.get(task.run_id)?.concurrency ?? [],
        taskKeys: task.concurrency,
      });
      const gate = await ConcurrencyGate.plan(client, queued.map(candidate));
      // Rate limits: a task that cannot get its units now stays queued (spec §11.7).
      const limits = await RateLimitGate.load(client, this.options.tenantId, now, queued.map((task) => task.rate_limits));
      const picks: { id: string; runId: string; workerId: string; timeoutMs: number }[] = [];
      for (const task of queued) {
        if (!limits.allows(task.rate_limits)) continue;
        if (!gate.allows(candidate(task))) continue;
        const eligible = workers.filter((w) => w.actions.includes(task.action_id) && (free.get(`${w.id}/${task.slot_type}`) ?? 0) >= task.slot_cost);
        if (eligible.length === 0) continue;
        // Sticky spawns prefer the spawning worker; otherwise spread tasks round-robin.
        const worker = eligible.find((w) => w.id === task.desired_worker_id) ?? eligible[this.rotation++ % eligible.length]!;
        free.set(`${worker.id}/${task.slot_type}`, (free.get(`${worker.id}/${task.slot_type}`) ?? 0) - task.slot_cost);
        picks.push({ id: task.id, runId: task.run_id, workerId: worker.id, timeoutMs: task.timeout_ms });
        gate.picked(candidate(task));
        limits.take(task.rate_limits);
      }
      // Losers found while planning and while admitting (CANCEL_NEWEST) are cancelled after the commit.
      cancelled.runs = [...gate.cancelRuns];
      cancelled.tasks = [...gate.cancelTasks];
      if (picks.length === 0) return [];
      await limits.save(client, this.options.tenantId);
      // Taken after the concurrency holders were read: a run admitted because another ended never
      // appears to start before that one finished.
      const assignedAt = new Date();
      await client.query(
        // Every dispatch of a durable task is a new invocation that numbers its nodes from 1 again.
        `UPDATE hatchet.tasks t SET status = 'RUNNING', worker_id = p.worker_id, assigned_at = $4, timeout_at = p.timeout_at,
           invocation = CASE WHEN t.durable THEN t.invocation + 1 ELSE t.invocation END, node_cursor = 0, evicted = false
         FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) AS p(id, worker_id, timeout_at) WHERE t.id = p.id`,
        [picks.map((p) => p.id), picks.map((p) => p.workerId), picks.map((p) => new Date(assignedAt.getTime() + p.timeoutMs)), assignedAt],
      );
      await client.query(
        `INSERT INTO hatchet.task_events (task_id, retry_count, event_type, created_at)
         SELECT id, retry_count, 'ASSIGNED', $2 FROM hatchet.tasks WHERE id = ANY($1)`,
        [picks.map((p) => p.id), now],
      );
      return picks;
    });
    await this.cancelForConcurrency(cancelled);
    if (assigned.length === 0) return 0;
    // After the commit: locking runs while holding task locks would invert the run → tasks order.
    await this.pool.query("UPDATE hatchet.runs SET status = 'RUNNING' WHERE id = ANY($1) AND status = 'QUEUED'", [[...new Set(assigned.map((p) => p.runId))]]);
    const actions = await buildAssignedActions(this.pool, assigned.map((a) => a.id));
    for (const pick of assigned) {
      const action = actions.get(pick.id);
      // A worker that vanished between assignment and delivery is caught by the worker-loss sweep.
      if (action) this.hub.send(pick.workerId, action);
    }
    // A full batch means more may be waiting; anything less means the queue or the slots ran out.
    return assigned.length;
  }

  /** Concurrency losers, cancelled after the assignment committed (runs before tasks, as everywhere). */
  private async cancelForConcurrency(cancelled: { runs: string[]; tasks: string[] }): Promise<void> {
    if (cancelled.runs.length === 0 && cancelled.tasks.length === 0) return;
    const result = await inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ id: string }>("SELECT id FROM hatchet.tasks WHERE run_id = ANY($1)", [cancelled.runs]);
      return cancelTasks(client, this.clock, [...rows.map((r) => r.id), ...cancelled.tasks], "CONCURRENCY_LIMIT");
    });
    for (const attempt of result.running) this.hub.send(attempt.workerId, cancelAction({ ...attempt, tenantId: this.options.tenantId }));
    for (const runId of result.runsFinished) this.hub.runFinished(runId);
    this.hub.wake();
  }

  /** Timers: due schedules and crons, execution and schedule timeouts, lost workers. */
  async sweep(): Promise<void> {
    try {
      const now = this.clock.now();
      const wall = new Date();
      const fired = await fireDueSchedules(this.pool, this.clock, this.options.tenantId);
      if (fired > 0) this.hub.wake();
      const { rows: expired } = await this.pool.query<{ id: string; timeout_ms: number; worker_id: string; run_id: string; retry_count: number; action_id: string; readable_id: string }>(
        "SELECT id, timeout_ms, worker_id, run_id, retry_count, action_id, readable_id FROM hatchet.tasks WHERE status = 'RUNNING' AND timeout_at < $1",
        [wall],
      );
      if (expired.length > 0) {
        const change = await inTransaction(this.pool, (client) =>
          recordAttemptEvents(client, this.clock, expired.map((task) => ({ type: "TIMED_OUT", taskId: task.id, timeoutMs: task.timeout_ms }))),
        );
        for (const task of change.timedOut) {
          const row = expired.find((e) => e.id === task.id)!;
          if (task.worker_id) this.hub.send(task.worker_id, cancelAction({ taskId: row.id, runId: row.run_id, retryCount: task.retry_count, actionId: row.action_id, readableId: row.readable_id, tenantId: this.options.tenantId }));
        }
        for (const runId of change.runsFinished) this.hub.runFinished(runId);
        if (change.requeued) this.hub.wake();
      }
      const { rows: stale } = await this.pool.query<{ id: string }>(
        "SELECT id FROM hatchet.tasks WHERE status = 'QUEUED' AND queued_at + make_interval(secs => schedule_timeout_ms / 1000.0) < $1",
        [now],
      );
      if (stale.length > 0) {
        const result = await inTransaction(this.pool, (client) => cancelTasks(client, this.clock, stale.map((s) => s.id), "SCHEDULING_TIMED_OUT"));
        for (const runId of result.runsFinished) this.hub.runFinished(runId);
      }
      const lostSince = new Date(wall.getTime() - this.options.workerLossTimeoutMs);
      // Worker loss is the engine's fault, not the task's: a new attempt without spending app retries.
      const { rowCount } = await this.pool.query(
        `WITH moved AS (
           UPDATE hatchet.tasks SET status = 'QUEUED', worker_id = NULL, assigned_at = NULL, timeout_at = NULL, retry_count = retry_count + 1,
             internal_retry_count = internal_retry_count + 1, queued_at = $2, available_at = $2
           WHERE status = 'RUNNING' AND internal_retry_count < ${MAX_INTERNAL_RETRIES}
             AND worker_id IN (SELECT id FROM hatchet.workers WHERE last_heartbeat_at < $1)
           RETURNING id, retry_count)
         INSERT INTO hatchet.task_events (task_id, retry_count, event_type, message, created_at)
         SELECT id, retry_count - 1, 'REASSIGNED', 'worker stopped sending heartbeats', $2 FROM moved`,
        [lostSince, now],
      );
      // An action lost on its way (the engine died between committing an assignment and writing
      // it to the worker's stream) is never STARTED: hand it out again rather than wait for the
      // execution timeout. A late STARTED/COMPLETED from the old attempt is then stale and ignored.
      const { rowCount: unacknowledged } = await this.pool.query(
        `WITH moved AS (
           UPDATE hatchet.tasks t SET status = 'QUEUED', worker_id = NULL, assigned_at = NULL, timeout_at = NULL, retry_count = t.retry_count + 1,
             internal_retry_count = t.internal_retry_count + 1, queued_at = $2, available_at = $2
           WHERE t.status = 'RUNNING' AND t.assigned_at < $1 AND t.internal_retry_count < ${MAX_INTERNAL_RETRIES}
             AND NOT EXISTS (SELECT 1 FROM hatchet.task_events e WHERE e.task_id = t.id AND e.retry_count = t.retry_count AND e.event_type = 'STARTED')
           RETURNING t.id, t.retry_count)
         INSERT INTO hatchet.task_events (task_id, retry_count, event_type, message, created_at)
         SELECT id, retry_count - 1, 'REASSIGNED', 'the worker never acknowledged the assignment', $2 FROM moved`,
        [new Date(wall.getTime() - this.options.assignmentAckTimeoutMs), now],
      );
      if (rowCount || unacknowledged) this.hub.wake();
      await this.options.afterSweep?.();
    } catch (error) {
      if (!String(error).includes("Cannot use a pool after calling end")) console.error("[engine] sweep failed:", error);
    }
  }
}
