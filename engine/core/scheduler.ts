import type pg from "pg";
import type { Clock } from "../clock";
import type { Hub } from "../hub";
import { inTransaction, type Queryable } from "../store/tx";
import { buildAssignedActions, cancelAction } from "./action";
import { writeAssignments, type Pick } from "./assign";
import { cancelTasks } from "./cancel";
import { ConcurrencyGate, type GateCandidate, type HeldKey } from "./concurrency";
import { queueOrder, readQueues, type QueueCursor, type QueuedTask, type QueuePage } from "./queue";
import { RateLimitGate } from "./rate-limits";
import { fireDueSchedules } from "./schedules";
import { Slots } from "./slots";
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

/** Rows read per queue and statement. */
const BATCH = 500;
/**
 * Queued tasks a pass may look at and leave (refused by a full concurrency key or a rate limit)
 * while it reads further down their queues for ones that can start.
 */
const MAX_REFUSED_PER_PASS = 2_000;
/** SERVER_MAX_INTERNAL_RETRY_COUNT: reassignments after worker loss, which do not use app retries. */
const MAX_INTERNAL_RETRIES = 10;

/** How far one pass got down each queue. */
interface PassState {
  /** Queues whose next read starts after the tasks this pass refused. */
  cursors: Map<string, QueueCursor>;
  /** Queues read to their end in this pass. */
  done: Set<string>;
  refused: number;
}

interface Heads {
  slots: Slots;
  pages: QueuePage[];
  queued: QueuedTask[];
}

const groupKey = (actionId: string, slotType: string) => `${actionId}\u0000${slotType}`;

/**
 * Assigns queued tasks to listening workers with free slots, in priority then arrival order, and
 * enforces the timers: execution and schedule timeouts, retry backoff, worker loss.
 *
 * Each pass reads only the queues (action, slot type) that a worker with a free slot of that type
 * could take from, as many tasks from each as there are such slots; when concurrency keys or rate
 * limits refuse some, it reads on past them. Queues with no free slot are not read at all, so
 * waiting work never blocks work behind it that could run.
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
        const state: PassState = { cursors: new Map(), done: new Set(), refused: 0 };
        while ((await this.assignBatch(state)) && state.refused < MAX_REFUSED_PER_PASS);
      } while (this.again);
    } catch (error) {
      if (!String(error).includes("Cannot use a pool after calling end")) console.error("[engine] scheduling pass failed:", error);
    } finally {
      this.running = false;
    }
  }

  /** One read of the queues with free slots and the assignments it allows; true if another read may find more. */
  private async assignBatch(state: PassState): Promise<boolean> {
    const listening = this.hub.listeningWorkers();
    if (listening.length === 0) return false;
    const now = this.clock.now();
    // Liveness and execution timeouts are about real processes: wall time, even under a virtual clock.
    const wall = new Date();
    const cancelled: { runs: string[]; tasks: string[] } = { runs: [], tasks: [] };
    let more = false;
    // The reads take no locks, so under READ COMMITTED they see the same outside a transaction:
    // a pass that finds nothing to assign (most, between bursts) opens none. A retried
    // transaction reads again (the first try changed the slots it counted).
    let heads: Heads | undefined = await this.readHeads(this.pool, listening, wall, now, state);
    if (heads.queued.length === 0) return false;
    const assigned = await inTransaction(this.pool, async (client) => {
      const { slots, pages, queued } = heads ?? (await this.readHeads(client, listening, wall, now, state));
      heads = undefined;
      if (queued.length === 0) return [];
      const admissionRuns = [...new Set(queued.filter((q) => q.run_concurrency).map((q) => q.run_id))];
      const { rows: runs } =
        admissionRuns.length === 0
          ? { rows: [] }
          : await client.query<{ id: string; status: string; concurrency: HeldKey[] }>("SELECT id, status, concurrency FROM hatchet.runs WHERE id = ANY($1)", [admissionRuns]);
      const runInfo = new Map(runs.map((r) => [r.id, r]));
      const candidate = (task: QueuedTask): GateCandidate => ({
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
      const picks: (Pick & { task: QueuedTask })[] = [];
      const refusedIn = new Map<string, QueuedTask>();
      for (const task of queued) {
        if (!limits.allows(task.rate_limits) || !gate.allows(candidate(task))) {
          // Queue order: the last refused task of a queue is where its next read starts.
          refusedIn.set(groupKey(task.action_id, task.slot_type), task);
          state.refused++;
          continue;
        }
        const eligible = slots.eligible(task.action_id, task.slot_type, task.slot_cost);
        if (eligible.length === 0) continue;
        // Sticky spawns prefer the spawning worker; otherwise spread tasks round-robin.
        const worker = eligible.find((w) => w.id === task.desired_worker_id) ?? eligible[this.rotation++ % eligible.length]!;
        slots.take(worker.id, task.slot_type, task.slot_cost);
        picks.push({ id: task.id, runId: task.run_id, workerId: worker.id, timeoutMs: task.timeout_ms, task });
        gate.picked(candidate(task));
        limits.take(task.rate_limits);
      }
      const advanced = this.advanceCursors(state, pages, queued, refusedIn);
      more = advanced;
      // Losers found while planning and while admitting (CANCEL_NEWEST) are cancelled after the commit.
      cancelled.runs = [...gate.cancelRuns];
      cancelled.tasks = [...gate.cancelTasks];
      if (picks.length === 0) return [];
      // Taken after the concurrency holders were read: a run admitted because another ended never
      // appears to start before that one finished.
      const taken = await writeAssignments(client, picks, new Date(), now);
      for (const pick of picks) if (!taken.has(pick.id)) limits.giveBack(pick.task.rate_limits);
      await limits.save(client, this.options.tenantId);
      // Worth another read: a queue with free slots left whose page was all taken. (Picks that
      // another writer held are not progress: reading again at once would find them held still.)
      if (taken.size > 0 && slots.groups().some((g) => !state.done.has(groupKey(g.actionId, g.slotType)))) more = true;
      // Those are looked at again in the next pass, once their writer committed.
      if (taken.size < picks.length) this.hub.wake();
      return picks.filter((p) => taken.has(p.id));
    });
    await this.cancelForConcurrency(cancelled);
    if (assigned.length === 0) return more;
    const actions = await buildAssignedActions(this.pool, assigned.map((a) => a.id));
    for (const pick of assigned) {
      const action = actions.get(pick.id);
      // A worker that vanished between assignment and delivery is caught by the worker-loss sweep.
      if (action) this.hub.send(pick.workerId, action);
    }
    return more;
  }

  /** The free slots of the listening workers and the heads of the queues they could take from. */
  private async readHeads(client: Queryable, listening: string[], wall: Date, now: Date, state: PassState): Promise<Heads> {
    const slots = await Slots.load(client, listening, new Date(wall.getTime() - this.options.workerLossTimeoutMs));
    const pages: QueuePage[] = slots
      .groups()
      .filter((group) => !state.done.has(groupKey(group.actionId, group.slotType)))
      .map((group) => {
        const after = state.cursors.get(groupKey(group.actionId, group.slotType));
        // A queue's first read takes what its free slots can start; reading past refused tasks, a full page.
        return { group, after, limit: after ? BATCH : Math.min(group.capacity, BATCH) };
      });
    const queued = (await readQueues(client, this.options.tenantId, now, pages)).sort(queueOrder);
    return { slots, pages, queued };
  }

  /**
   * After a read: a queue that returned less than a page is done for this pass; one whose page
   * held refused tasks is read on after the last of them; any other starts from its head again
   * (what was assigned has left it). True when some queue may still hold assignable tasks.
   */
  private advanceCursors(state: PassState, pages: QueuePage[], queued: QueuedTask[], refusedIn: Map<string, QueuedTask>): boolean {
    const read = new Map<string, number>();
    for (const task of queued) {
      const key = groupKey(task.action_id, task.slot_type);
      read.set(key, (read.get(key) ?? 0) + 1);
    }
    let advanced = false;
    for (const page of pages) {
      const key = groupKey(page.group.actionId, page.group.slotType);
      const refused = refusedIn.get(key);
      if ((read.get(key) ?? 0) < page.limit) state.done.add(key);
      else if (refused) {
        state.cursors.set(key, { priority: refused.priority, queuedAt: refused.queued_at, id: refused.id });
        advanced = true;
      } else state.cursors.delete(key);
    }
    return advanced;
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
        // Index tasks_schedule_deadline: only the expired are read.
        "SELECT id FROM hatchet.tasks WHERE status = 'QUEUED' AND hatchet.schedule_deadline(queued_at, schedule_timeout_ms) < $1",
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
