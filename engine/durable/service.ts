import {
  DurableTaskErrorType,
  type DurableEventLogEntryRef,
  type DurableTaskCompleteMemoRequest,
  type DurableTaskEvictInvocationRequest,
  type DurableTaskMemoRequest,
  type DurableTaskRequest,
  type DurableTaskResponse,
  type DurableTaskTriggerRunsRequest,
  type DurableTaskWaitForRequest,
  type DurableTaskWorkerStatusRequest,
} from "@hatchet-dev/typescript-sdk/protoc/v1/dispatcher";
import type pg from "pg";
import { EngineError } from "../core/errors";
import { triggerRuns } from "../core/trigger";
import type { EngineCore } from "../grpc/context";
import { inTransaction } from "../store/tx";
import { runEntryKey, toWaitConditions, waitEntryKey } from "./conditions";
import { claimNodes, finishedChildEntries, insertEntry, lockInvocation, satisfyEntries, type ClaimedNodes, type EntryRow, type InvocationRow, type Satisfaction } from "./log";
import { childResults, jsonBytes } from "./payloads";
import { applyLookback, fireDueSleeps, insertWaits, matchEvents, nextDueSleep, type FiredOwner, type StoredEvent } from "./waits";
import { WakeTimer } from "./wake-timer";

/** One worker's DurableTask stream, as the service writes to it. */
export interface DurableStream {
  send(response: DurableTaskResponse): void;
  /** Called on registerWorker: completions for tasks on this worker go to this stream. */
  attach(workerId: string): void;
  /** Whether this stream carried that entry's completion lately (engine/durable/recent-refs.ts). */
  sentRecently(ref: DurableEventLogEntryRef): boolean;
  /** Whether a status report on this stream found that entry still pending lately. */
  foundPendingRecently(ref: DurableEventLogEntryRef): boolean;
  notePending(ref: DurableEventLogEntryRef): void;
}

type Outcome = { responses: DurableTaskResponse[]; deliver?: Satisfaction[]; wake?: boolean };

const SLEEP_BATCH = 1000;

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

function refOf(taskId: string, invocation: number, branchId = 0, nodeId = 0): DurableEventLogEntryRef {
  return { durableTaskExternalId: taskId, invocationCount: invocation, branchId, nodeId };
}

function errorResponse(ref: DurableEventLogEntryRef, message: string, type = DurableTaskErrorType.DURABLE_TASK_ERROR_TYPE_UNSPECIFIED): DurableTaskResponse {
  return { error: { ref, errorType: type, errorMessage: message } };
}

function nondeterminism(ref: DurableEventLogEntryRef, found: EntryRow, asked: string): DurableTaskResponse {
  return errorResponse(
    ref,
    `non-determinism detected at node ${ref.nodeId}: the event log has ${found.kind} with a different key where this invocation asked for ${asked}`,
    DurableTaskErrorType.DURABLE_TASK_ERROR_TYPE_NONDETERMINISM,
  );
}

function serverEvict(taskId: string, invocation: number, reason: string): DurableTaskResponse {
  return { serverEvict: { durableTaskExternalId: taskId, invocationCount: invocation, reason } };
}

/**
 * Durable tasks over `v1.V1Dispatcher/DurableTask` (spec §10): each memo, wait and child is a node
 * of the task's event log in PostgreSQL; a later invocation (retry, reassignment, restore, replay)
 * gets the recorded results back in order, and is told when it asks for something else
 * (non-determinism). Waits are rows (engine/durable/waits.ts) fired by events, by one timer for
 * all sleeps, and by child runs ending.
 */
export class DurableTasks {
  private readonly timer: WakeTimer;
  private finishedRuns = new Set<string>();
  private finishScheduled = false;
  /** DAG task conditions (node 0 owners) are handled by whoever registers here. */
  onDagFired: (client: pg.PoolClient, fired: FiredOwner[]) => Promise<{ finished: string[]; queued: boolean }> = async () => ({ finished: [], queued: false });
  /** What fired DAG conditions changed, announced after the transaction commits (in deliver). */
  private dagFinishedRuns = new Set<string>();
  private dagQueued = false;

  constructor(private readonly ctx: EngineCore) {
    this.timer = new WakeTimer(ctx.clock, () => this.fireDueSleeps());
    ctx.hub.onRunFinished((runId) => this.runFinished(runId));
  }

  start(): void {
    this.timer.start();
  }

  stop(): void {
    this.timer.stop();
  }

  /** Called for every request of a stream, one at a time and in order (acks must keep that order). */
  async handle(request: DurableTaskRequest, stream: DurableStream): Promise<void> {
    let outcome: Outcome;
    if (request.registerWorker) {
      stream.attach(request.registerWorker.workerId);
      outcome = { responses: [{ registerWorker: { workerId: request.registerWorker.workerId } }] };
    } else if (request.memo) outcome = await this.guarded(request.memo, () => this.memo(request.memo!));
    else if (request.completeMemo) outcome = await this.completeMemo(request.completeMemo);
    else if (request.waitFor) outcome = await this.guarded(request.waitFor, () => this.waitFor(request.waitFor!));
    else if (request.triggerRuns) outcome = await this.guarded(request.triggerRuns, () => this.triggerRuns(request.triggerRuns!));
    else if (request.evictInvocation) outcome = await this.guarded(request.evictInvocation, () => this.evict(request.evictInvocation!));
    else if (request.workerStatus) outcome = await this.workerStatus(request.workerStatus, stream);
    else return;
    for (const response of outcome.responses) stream.send(response);
    if (outcome.wake) this.ctx.hub.wake();
    if (outcome.deliver?.length) await this.deliver(outcome.deliver);
  }

  /** A request that cannot be served gets an error on its own ref, so the SDK's pending ack fails instead of hanging. */
  private async guarded(request: { durableTaskExternalId: string; invocationCount: number }, fn: () => Promise<Outcome>): Promise<Outcome> {
    try {
      if (!isUuid(request.durableTaskExternalId)) throw new EngineError("INVALID_ARGUMENT", "durableTaskExternalId must be a UUID");
      return await fn();
    } catch (error) {
      if (!(error instanceof EngineError)) console.error("[engine] durable request failed:", error);
      const message = error instanceof EngineError ? error.message : "internal engine error";
      return { responses: [errorResponse(refOf(request.durableTaskExternalId, request.invocationCount), message)] };
    }
  }

  /** Locks the task and checks the request comes from its current invocation. */
  private async current(client: pg.PoolClient, taskId: string, invocation: number): Promise<InvocationRow | DurableTaskResponse> {
    const task = await lockInvocation(client, taskId, this.ctx.tenantId);
    if (!task || !task.durable) throw new EngineError("NOT_FOUND", `durable task ${taskId} not found`);
    if (task.invocation !== invocation || task.status !== "RUNNING" || task.evicted) {
      return serverEvict(taskId, invocation, `invocation ${invocation} is not the task's current one (${task.invocation}, ${task.evicted ? "evicted" : task.status})`);
    }
    return task;
  }

  /** The next `count` nodes of the current invocation and what the log has at them; otherwise why not (evicted, gone). */
  private async claim(client: pg.PoolClient, taskId: string, invocation: number, count: number): Promise<ClaimedNodes | DurableTaskResponse> {
    const claimed = await claimNodes(client, taskId, this.ctx.tenantId, invocation, count);
    if (claimed) return claimed;
    const task = await this.current(client, taskId, invocation);
    if (!("id" in task)) return task;
    throw new Error(`durable task ${taskId} is current but its nodes could not be claimed`);
  }

  private async memo(request: DurableTaskMemoRequest): Promise<Outcome> {
    return inTransaction(this.ctx.pool, async (client) => {
      const claimed = await this.claim(client, request.durableTaskExternalId, request.invocationCount, 1);
      if (!("task" in claimed)) return { responses: [claimed] };
      const { task } = claimed;
      const node = claimed.nodes[0]!;
      const ref = refOf(task.id, task.invocation, task.branch_id, node);
      const key = Buffer.from(request.key).toString("hex");
      const existing = claimed.existing.get(node);
      if (existing) {
        if (existing.kind !== "MEMO" || existing.idempotency_key !== key) return { responses: [nondeterminism(ref, existing, "a memo")] };
        const payload = existing.satisfied_at && existing.payload?.length ? existing.payload : undefined;
        // A recorded memo's completion goes out too (the SDK consumes it without blocking, spec §10.4).
        return {
          responses: [{ memoAck: { ref, memoAlreadyExisted: true, memoResultPayload: payload } }, ...(payload ? [completion(entrySatisfaction(existing), task.invocation)] : [])],
        };
      }
      await insertEntry(client, { taskId: task.id, branchId: task.branch_id, nodeId: node, kind: "MEMO", key }, this.ctx.clock.now());
      if (request.payload?.length) {
        await satisfyEntries(client, [{ taskId: task.id, branchId: task.branch_id, nodeId: node, payload: Buffer.from(request.payload) }], this.ctx.clock.now());
      }
      return { responses: [{ memoAck: { ref, memoAlreadyExisted: false } }] };
    });
  }

  private async completeMemo(request: DurableTaskCompleteMemoRequest): Promise<Outcome> {
    const ref = request.ref;
    if (!ref || !isUuid(ref.durableTaskExternalId)) return { responses: [] };
    const item = { taskId: ref.durableTaskExternalId, branchId: ref.branchId, nodeId: ref.nodeId, payload: Buffer.from(request.payload) };
    await inTransaction(this.ctx.pool, (client) => satisfyEntries(client, [item], this.ctx.clock.now()));
    // The SDK registered a non-blocking waiter for this node; answering it keeps its list of
    // pending callbacks (sent back every second) from growing with every memo.
    return { responses: [completion(item, ref.invocationCount)] };
  }

  private async waitFor(request: DurableTaskWaitForRequest): Promise<Outcome> {
    const conditions = toWaitConditions(request.waitForConditions?.sleepConditions ?? [], request.waitForConditions?.userEventConditions ?? []);
    if (conditions.length === 0) throw new EngineError("INVALID_ARGUMENT", "waitFor needs at least one condition");
    const key = waitEntryKey(conditions);
    const outcome = await inTransaction(this.ctx.pool, async (client): Promise<Outcome & { node?: number; earliest?: Date }> => {
      const claimed = await this.claim(client, request.durableTaskExternalId, request.invocationCount, 1);
      if (!("task" in claimed)) return { responses: [claimed] };
      const { task } = claimed;
      const node = claimed.nodes[0]!;
      const ref = refOf(task.id, task.invocation, task.branch_id, node);
      const existing = claimed.existing.get(node);
      if (existing) {
        if (existing.kind !== "WAIT_FOR" || existing.idempotency_key !== key) return { responses: [nondeterminism(ref, existing, "a wait")] };
        // Recorded: satisfied ones answer at once; open ones keep their original deadline.
        return { responses: [{ waitForAck: { ref } }], deliver: existing.satisfied_at ? [entrySatisfaction(existing)] : [] };
      }
      const now = this.ctx.clock.now();
      const owner = { taskId: task.id, branchId: task.branch_id, nodeId: node };
      await insertEntry(client, { ...owner, kind: "WAIT_FOR", key }, now);
      await insertWaits(client, task.tenant_id, owner, conditions, now);
      const satisfied = await this.resolveFired(client, await applyLookback(client, task.tenant_id, owner));
      const sleeps = conditions.flatMap((c) => (c.kind === "SLEEP" ? [now.getTime() + c.sleepMs] : []));
      return {
        responses: [{ waitForAck: { ref } }],
        deliver: satisfied,
        node,
        earliest: sleeps.length ? new Date(Math.min(...sleeps)) : undefined,
      };
    });
    if (outcome.earliest) this.timer.schedule(outcome.earliest);
    return outcome;
  }

  private async triggerRuns(request: DurableTaskTriggerRunsRequest): Promise<Outcome> {
    const outcome = await inTransaction(this.ctx.pool, async (client): Promise<Outcome & { runIds?: string[] }> => {
      const claimed = await this.claim(client, request.durableTaskExternalId, request.invocationCount, request.triggerOpts.length);
      if (!("task" in claimed)) return { responses: [claimed] };
      const { task, nodes, existing } = claimed;
      const runIds: string[] = [];
      const fresh: { index: number; node: number; key: string }[] = [];
      const recorded: Satisfaction[] = [];
      for (const [index, opts] of request.triggerOpts.entries()) {
        const node = nodes[index]!;
        const key = runEntryKey(opts.name, opts.input);
        const entry = existing.get(node);
        if (!entry) {
          fresh.push({ index, node, key });
          continue;
        }
        // A child with an explicit key is the same child even when its input changed.
        if (entry.kind !== "RUN" || (entry.idempotency_key !== key && !opts.childKey)) {
          return { responses: [nondeterminism(refOf(task.id, task.invocation, task.branch_id, node), entry, `a child run of ${opts.name}`)] };
        }
        runIds[index] = entry.child_run_id!;
        if (entry.satisfied_at) recorded.push(entrySatisfaction(entry));
      }
      if (fresh.length > 0) {
        const created = await triggerRuns(
          client,
          { tenantId: task.tenant_id, clock: this.ctx.clock },
          fresh.map(({ index }) => ({ ...request.triggerOpts[index]!, parentTaskRunExternalId: task.id })),
        );
        const now = this.ctx.clock.now();
        for (const [i, item] of fresh.entries()) {
          const result = created[i]!;
          if (result instanceof Error) throw result;
          runIds[item.index] = result;
          await insertEntry(client, { taskId: task.id, branchId: task.branch_id, nodeId: item.node, kind: "RUN", key: item.key, childRunId: result }, now);
        }
      }
      return {
        responses: [
          {
            triggerRunsAck: {
              durableTaskExternalId: task.id,
              invocationCount: task.invocation,
              runEntries: nodes.map((nodeId, i) => ({ nodeId, branchId: task.branch_id, workflowRunExternalId: runIds[i]! })),
            },
          },
        ],
        deliver: recorded,
        wake: fresh.length > 0,
        runIds,
      };
    });
    // Children that ended before their entries existed (a replay re-attaching to them) answer now.
    if (outcome.runIds?.length) {
      const late = await inTransaction(this.ctx.pool, (client) => this.satisfyFinishedChildren(client, outcome.runIds));
      outcome.deliver = [...(outcome.deliver ?? []), ...late];
    }
    return outcome;
  }

  private async evict(request: DurableTaskEvictInvocationRequest): Promise<Outcome> {
    const evicted = await inTransaction(this.ctx.pool, async (client) => {
      const task = await lockInvocation(client, request.durableTaskExternalId, this.ctx.tenantId);
      if (!task || !task.durable) throw new EngineError("NOT_FOUND", `durable task ${request.durableTaskExternalId} not found`);
      if (task.invocation !== request.invocationCount || task.status !== "RUNNING" || task.evicted) return false;
      // Frees the slot and stops the execution timeout; the task stays RUNNING for everyone looking.
      await client.query("UPDATE hatchet.tasks SET evicted = true, worker_id = NULL, timeout_at = NULL WHERE id = $1", [task.id]);
      await client.query(
        "INSERT INTO hatchet.task_events (task_id, retry_count, event_type, message, created_at) SELECT id, retry_count, 'DURABLE_EVICTED', $2, $3 FROM hatchet.tasks WHERE id = $1",
        [task.id, request.reason ?? "", this.ctx.clock.now()],
      );
      return true;
    });
    // What it waited for may have arrived in between: then it goes straight back to the queue.
    if (evicted) await this.restoreIfReady([request.durableTaskExternalId]);
    return { responses: [{ evictionAck: { invocationCount: request.invocationCount, durableTaskExternalId: request.durableTaskExternalId } }], wake: evicted };
  }

  /**
   * The SDK lists what it still waits for every second (and on every new wait): satisfied entries
   * are sent again, and an invocation older than the task's current one is evicted. As in Hatchet
   * (dispatcher handleWorkerStatus), a finished task's current invocation is not evicted: the SDK
   * drops its callbacks itself once its COMPLETED/FAILED event is acknowledged, and evicting it in
   * that gap made every poll of a busy worker re-send an eviction per finished task. What this
   * stream sent lately is not repeated, and what it found pending lately is not looked up again
   * (engine/durable/recent-refs.ts).
   */
  private async workerStatus(request: DurableTaskWorkerStatusRequest, stream: DurableStream): Promise<Outcome> {
    // An entry found pending lately is pushed to this stream when it is satisfied: not looked up again yet.
    const waiting = request.waitingEntries.filter((e) => isUuid(e.durableTaskExternalId) && !stream.foundPendingRecently(e));
    if (waiting.length === 0) return { responses: [] };
    const taskIds = [...new Set(waiting.map((e) => e.durableTaskExternalId))];
    const { rows: tasks } = await this.ctx.pool.query<{ id: string; invocation: number }>(
      "SELECT id, invocation FROM hatchet.tasks WHERE id = ANY($1::uuid[]) AND tenant_id = $2",
      [taskIds, this.ctx.tenantId],
    );
    // Only the nodes asked about: the SDK lists every pending callback every second.
    const { rows: entries } = await this.ctx.pool.query<EntryRow>(
      `SELECT e.* FROM hatchet.durable_entries e
       JOIN unnest($1::uuid[], $2::int[], $3::int[]) AS w(task_id, branch_id, node_id)
         ON e.task_id = w.task_id AND e.branch_id = w.branch_id AND e.node_id = w.node_id
       WHERE e.satisfied_at IS NOT NULL`,
      [waiting.map((w) => w.durableTaskExternalId), waiting.map((w) => w.branchId), waiting.map((w) => w.nodeId)],
    );
    const taskById = new Map(tasks.map((t) => [t.id, t]));
    const entryAt = new Map(entries.map((e) => [`${e.task_id}/${e.branch_id}/${e.node_id}`, e]));
    const responses: DurableTaskResponse[] = [];
    const evicted = new Set<string>();
    for (const wait of waiting) {
      const task = taskById.get(wait.durableTaskExternalId);
      if (!task) continue;
      if (wait.invocationCount < task.invocation) {
        const key = `${wait.durableTaskExternalId}/${wait.invocationCount}`;
        if (!evicted.has(key)) responses.push(serverEvict(wait.durableTaskExternalId, wait.invocationCount, `stale invocation: the engine has ${task.invocation}, the worker sent ${wait.invocationCount}`));
        evicted.add(key);
        continue;
      }
      const entry = entryAt.get(`${wait.durableTaskExternalId}/${wait.branchId}/${wait.nodeId}`);
      if (!entry) stream.notePending(wait);
      else if (!stream.sentRecently(wait)) responses.push(completion(entrySatisfaction(entry), wait.invocationCount));
    }
    return { responses };
  }

  /** Events just stored (in the pushing transaction): the waits they satisfy. Deliver the result after commit. */
  async matchEvents(client: pg.PoolClient, events: StoredEvent[]): Promise<Satisfaction[]> {
    return this.resolveFired(client, await matchEvents(client, this.ctx.tenantId, events));
  }

  /** Durable owners become satisfied log entries; DAG owners go to the DAG handler. */
  private async resolveFired(client: pg.PoolClient, fired: FiredOwner[]): Promise<Satisfaction[]> {
    const dag = fired.filter((f) => f.nodeId === 0);
    if (dag.length > 0) {
      const progress = await this.onDagFired(client, dag);
      for (const runId of progress.finished) this.dagFinishedRuns.add(runId);
      this.dagQueued ||= progress.queued;
    }
    const durable = fired.filter((f) => f.nodeId > 0).map((f) => ({ taskId: f.taskId, branchId: f.branchId, nodeId: f.nodeId, payload: jsonBytes(f.data) }));
    return satisfyEntries(client, durable, this.ctx.clock.now());
  }

  private async fireDueSleeps(): Promise<Date | undefined> {
    for (;;) {
      const { satisfied, count } = await inTransaction(this.ctx.pool, async (client) => {
        const due = await fireDueSleeps(client, this.ctx.clock.now(), SLEEP_BATCH);
        return { satisfied: await this.resolveFired(client, due.fired), count: due.count };
      });
      await this.deliver(satisfied);
      if (count < SLEEP_BATCH) break;
    }
    return nextDueSleep(this.ctx.pool);
  }

  private runFinished(runId: string): void {
    this.finishedRuns.add(runId);
    if (this.finishScheduled) return;
    this.finishScheduled = true;
    setImmediate(() => {
      this.finishScheduled = false;
      const runIds = [...this.finishedRuns];
      this.finishedRuns = new Set();
      void this.childrenFinished(runIds).catch((error) => {
        if (!String(error).includes("Cannot use a pool after calling end")) console.error("[engine] durable child results failed:", error);
      });
    });
  }

  private async childrenFinished(runIds?: string[]): Promise<void> {
    // Most finished runs are no durable task's child (journeys, DAG runs): look before opening a
    // transaction. Satisfying is conditional on the entry still being open, so the look may be stale.
    const finished = await finishedChildEntries(this.ctx.pool, runIds);
    if (finished.length === 0) return;
    const satisfied = await inTransaction(this.ctx.pool, (client) => this.satisfyFinishedChildren(client, runIds, finished));
    await this.deliver(satisfied);
  }

  private async satisfyFinishedChildren(client: pg.PoolClient, runIds?: string[], found?: Awaited<ReturnType<typeof finishedChildEntries>>): Promise<Satisfaction[]> {
    const finished = found ?? (await finishedChildEntries(client, runIds));
    if (finished.length === 0) return [];
    const results = await childResults(client, [...new Set(finished.map((f) => f.entry.child_run_id!))]);
    const items = finished.flatMap(({ entry }) => {
      const result = results.get(entry.child_run_id!);
      return result ? [{ taskId: entry.task_id, branchId: entry.branch_id, nodeId: entry.node_id, ...result }] : [];
    });
    return satisfyEntries(client, items, this.ctx.clock.now());
  }

  /** Timers and crash recovery: due sleeps, children that ended while the engine was down. */
  async sweep(): Promise<void> {
    await this.childrenFinished();
    await this.timer.fireNow();
  }

  /**
   * Hands satisfied entries to the invocations waiting on them: over the worker's stream when the
   * invocation has reached that node (an earlier hand-off would jam the SDK's in-order queue), or
   * by re-queueing an evicted task. Anything else is picked up by the next invocation's replay.
   */
  async deliver(items: Satisfaction[]): Promise<void> {
    this.announceDagChanges();
    if (items.length === 0) return;
    const { rows: tasks } = await this.ctx.pool.query<{ id: string; status: string; invocation: number; branch_id: number; node_cursor: number; evicted: boolean; worker_id: string | null }>(
      "SELECT id, status, invocation, branch_id, node_cursor, evicted, worker_id FROM hatchet.tasks WHERE id = ANY($1::uuid[])",
      [[...new Set(items.map((i) => i.taskId))]],
    );
    const byId = new Map(tasks.map((t) => [t.id, t]));
    const restore = new Set<string>();
    for (const item of items) {
      const task = byId.get(item.taskId);
      if (!task || task.status !== "RUNNING") continue;
      if (task.evicted) restore.add(task.id);
      else if (task.worker_id && item.branchId === task.branch_id && item.nodeId <= task.node_cursor) {
        this.ctx.hub.sendDurable(task.worker_id, completion(item, task.invocation));
      }
    }
    if (restore.size > 0) await this.restoreIfReady([...restore]);
  }

  private announceDagChanges(): void {
    const finished = [...this.dagFinishedRuns];
    this.dagFinishedRuns.clear();
    for (const runId of finished) this.ctx.hub.runFinished(runId);
    if (this.dagQueued || finished.length > 0) this.ctx.hub.wake();
    this.dagQueued = false;
  }

  /** Evicted tasks with nothing left to wait for go back to the queue; their next invocation replays the log. */
  async restoreIfReady(taskIds: string[]): Promise<string[]> {
    const { rows } = await this.ctx.pool.query<{ id: string }>(
      `WITH ready AS (
         UPDATE hatchet.tasks t SET evicted = false, status = 'QUEUED', worker_id = NULL, queued_at = $2, available_at = $2
         WHERE t.id = ANY($1::uuid[]) AND t.evicted AND t.status = 'RUNNING'
           AND NOT EXISTS (SELECT 1 FROM hatchet.durable_entries e WHERE e.task_id = t.id AND e.branch_id = t.branch_id
                             AND e.node_id <= t.node_cursor AND e.satisfied_at IS NULL AND e.kind <> 'MEMO')
         RETURNING t.id, t.retry_count)
       INSERT INTO hatchet.task_events (task_id, retry_count, event_type, created_at) SELECT id, retry_count, 'DURABLE_RESTORING', $2 FROM ready RETURNING task_id AS id`,
      [taskIds, this.ctx.clock.now()],
    );
    if (rows.length > 0) this.ctx.hub.wake();
    return rows.map((r) => r.id);
  }

  /** REST restore: an evicted task goes back to the queue now, whatever it waits for. */
  async restore(taskId: string): Promise<boolean> {
    const { rowCount } = await this.ctx.pool.query(
      "UPDATE hatchet.tasks SET evicted = false, status = 'QUEUED', worker_id = NULL, queued_at = $2, available_at = $2 WHERE id = $1 AND evicted AND status = 'RUNNING'",
      [taskId, this.ctx.clock.now()],
    );
    if (rowCount) this.ctx.hub.wake();
    return !!rowCount;
  }
}

function entrySatisfaction(entry: EntryRow): Satisfaction {
  return {
    taskId: entry.task_id,
    branchId: entry.branch_id,
    nodeId: entry.node_id,
    payload: entry.payload ?? Buffer.alloc(0),
    isFailure: entry.is_failure,
    errorMessage: entry.error_message ?? undefined,
  };
}

function completion(item: Satisfaction, invocation: number): DurableTaskResponse {
  return {
    entryCompleted: {
      ref: refOf(item.taskId, invocation, item.branchId, item.nodeId),
      payload: item.payload,
      isFailure: item.isFailure ?? false,
      errorMessage: item.errorMessage,
    },
  };
}
