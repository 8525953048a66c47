import {
  StepActionEventType,
  type DispatcherServiceImplementation,
  type WorkflowEvent,
  type WorkflowRunEvent,
} from "@hatchet-dev/typescript-sdk/protoc/dispatcher/dispatcher";
import { randomUUID } from "node:crypto";
import { ServerError, Status } from "nice-grpc";
import { parseGoDuration } from "../duration";
import { recordAttemptEvents, type AttemptEvent } from "../core/task-results";
import { ResultLoader } from "../core/results";
import { Batcher } from "../store/batcher";
import { Channel } from "../hub";
import { terminalEvent } from "../streams";
import { inTransaction } from "../store/tx";
import type { EngineContext } from "./context";
import { guard, requireUuid, unimplementedStream } from "./errors";

const unimplemented = (name: string) => async () => {
  throw new ServerError(Status.UNIMPLEMENTED, name);
};

/** Dispatcher service: worker registration, the action stream, step events and run results. */
export function dispatcherService(ctx: EngineContext): DispatcherServiceImplementation {
  // Step events from every worker are written together: one transaction per batch, not per event.
  const attemptEvents = new Batcher<AttemptEvent, void>(async (events) => {
    const change = await inTransaction(ctx.pool, (client) => recordAttemptEvents(client, ctx.clock, events));
    for (const runId of change.runsFinished) ctx.hub.runFinished(runId);
    if (change.requeued || change.runsFinished.length > 0) ctx.hub.wake();
    return events.map(() => undefined);
  });
  const results = new ResultLoader(ctx.pool);

  return {
    // ≥ v0.80.0 selects the durable event-log protocol in SDK 1.33 (spec §1.3).
    getVersion: async () => ({ version: "v0.80.0" }),

    register: (request) =>
      guard(async () => {
        if (!request.workerName) throw new ServerError(Status.INVALID_ARGUMENT, "workerName is required");
        if (request.slots !== undefined && Object.keys(request.slotConfig).length > 0) {
          throw new ServerError(Status.INVALID_ARGUMENT, "slots and slotConfig are mutually exclusive");
        }
        const slotConfig = Object.keys(request.slotConfig).length > 0 ? request.slotConfig : { default: request.slots ?? 100 };
        const id = randomUUID();
        const now = new Date(); // heartbeats are wall time, even under a virtual clock
        await ctx.pool.query(
          `INSERT INTO hatchet.workers (id, tenant_id, name, actions, slot_config, labels, runtime, last_heartbeat_at, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
          [id, ctx.tenantId, request.workerName, request.actions.map((a) => a.toLowerCase()), JSON.stringify(slotConfig), JSON.stringify(request.labels), JSON.stringify(request.runtimeInfo ?? {}), now],
        );
        return { tenantId: ctx.tenantId, workerId: id, workerName: request.workerName };
      }),

    async *listenV2(request, context) {
      const workerId = requireUuid(request.workerId, "workerId");
      const { rowCount } = await ctx.pool.query("UPDATE hatchet.workers SET last_heartbeat_at = $2 WHERE id = $1", [workerId, new Date()]);
      if (!rowCount) throw new ServerError(Status.NOT_FOUND, "worker not found");
      const channel = ctx.hub.attachWorker(workerId);
      const onAbort = () => ctx.hub.detachWorker(workerId, channel);
      context.signal.addEventListener("abort", onAbort);
      try {
        yield* channel;
      } finally {
        context.signal.removeEventListener("abort", onAbort);
        ctx.hub.detachWorker(workerId, channel);
      }
    },

    // Only used by SDKs when ListenV2 is UNIMPLEMENTED.
    listen: unimplementedStream("Listen: use ListenV2"),

    heartbeat: (request) =>
      guard(async () => {
        const workerId = requireUuid(request.workerId, "workerId");
        const { rowCount } = await ctx.pool.query("UPDATE hatchet.workers SET last_heartbeat_at = $2 WHERE id = $1", [workerId, new Date()]);
        if (!rowCount) throw new ServerError(Status.NOT_FOUND, "worker not found");
        return {};
      }),

    sendStepActionEvent: (request) =>
      guard(async () => {
        const taskId = requireUuid(request.taskRunExternalId, "taskRunExternalId");
        const retryCount = request.retryCount;
        switch (request.eventType) {
          case StepActionEventType.STEP_EVENT_TYPE_STARTED:
            await attemptEvents.submit({ type: "STARTED", taskId, retryCount });
            break;
          case StepActionEventType.STEP_EVENT_TYPE_COMPLETED:
            await attemptEvents.submit({ type: "COMPLETED", taskId, retryCount, payload: request.eventPayload });
            break;
          case StepActionEventType.STEP_EVENT_TYPE_FAILED:
            await attemptEvents.submit({ type: "FAILED", taskId, retryCount, payload: request.eventPayload, shouldNotRetry: request.shouldNotRetry ?? false });
            break;
          default:
            // ACKNOWLEDGED and friends change nothing.
            break;
        }
        return { tenantId: ctx.tenantId, workerId: request.workerId };
      }),

    async *subscribeToWorkflowRuns(requests) {
      const out = new Channel<WorkflowRunEvent>();
      const cancels: (() => void)[] = [];
      void (async () => {
        try {
          for await (const request of requests) {
            const runId = request.workflowRunId;
            if (!/^[0-9a-f-]{36}$/i.test(runId)) continue;
            // Each subscription is answered once, even for a run answered before on this stream:
            // a replayed run is subscribed to again and ends again.
            let answered = false;
            const deliver = async () => {
              if (answered) return;
              const event = await results.load(runId).catch(() => undefined);
              if (!event || answered) return;
              answered = true;
              out.push(event);
            };
            // Listen first, then look: a run finishing in between is not missed. Not awaited: the
            // lookups of ids arriving together (a client awaiting a bulk trigger) share one query.
            cancels.push(ctx.hub.waitForRun(runId, () => void deliver()));
            void deliver();
          }
        } catch {
          // the client went away
        } finally {
          for (const cancel of cancels) cancel();
          out.close();
        }
      })();
      yield* out;
    },

    async *subscribeToWorkflowEvents(request, context) {
      if (!request.workflowRunId) throw new ServerError(Status.UNIMPLEMENTED, "streams by additional metadata are not served; subscribe by workflowRunId");
      const runId = requireUuid(request.workflowRunId, "workflowRunId");
      const out = new Channel<WorkflowEvent>();
      // Attach, then look: a run ending in between still hangs the call up.
      const detach = ctx.hub.streams.subscribe(runId, out);
      const hangUpIfDone = async () => {
        const { rows } = await ctx.pool.query<{ status: string; finished_at: Date | null }>("SELECT status, finished_at FROM hatchet.runs WHERE id = $1", [runId]);
        if (!rows[0]) throw new ServerError(Status.NOT_FOUND, "workflow run not found");
        const last = terminalEvent(runId, rows[0].status, rows[0].finished_at ?? ctx.clock.now());
        if (!last) return;
        out.push(last);
        out.close();
      };
      const stopWaiting = ctx.hub.waitForRun(runId, () => void hangUpIfDone().catch(() => out.close()));
      const onAbort = () => out.close();
      context.signal.addEventListener("abort", onAbort);
      try {
        await hangUpIfDone();
        yield* out;
      } finally {
        context.signal.removeEventListener("abort", onAbort);
        stopWaiting();
        detach();
      }
    },

    unsubscribe: (request) =>
      guard(async () => {
        requireUuid(request.workerId, "workerId");
        return { tenantId: ctx.tenantId, workerId: request.workerId };
      }),

    refreshTimeout: (request) =>
      guard(async () => {
        const taskId = requireUuid(request.taskRunExternalId, "taskRunExternalId");
        const { rows } = await ctx.pool.query<{ timeout_at: Date }>(
          "UPDATE hatchet.tasks SET timeout_at = timeout_at + make_interval(secs => $2::double precision / 1000) WHERE id = $1 AND status = 'RUNNING' RETURNING timeout_at",
          [taskId, parseIncrement(request.incrementTimeoutBy)],
        );
        if (!rows[0]) throw new ServerError(Status.NOT_FOUND, "no running task with that id");
        return { timeoutAt: rows[0].timeout_at };
      }),

    releaseSlot: (request) =>
      guard(async () => {
        const taskId = requireUuid(request.taskRunExternalId, "taskRunExternalId");
        // The task keeps running but stops counting against the worker's slots.
        await ctx.pool.query("UPDATE hatchet.tasks SET slot_cost = 0 WHERE id = $1 AND status = 'RUNNING'", [taskId]);
        ctx.hub.wake();
        return {};
      }),

    upsertWorkerLabels: (request) =>
      guard(async () => {
        const workerId = requireUuid(request.workerId, "workerId");
        const { rowCount } = await ctx.pool.query("UPDATE hatchet.workers SET labels = labels || $2::jsonb WHERE id = $1", [workerId, JSON.stringify(request.labels)]);
        if (!rowCount) throw new ServerError(Status.NOT_FOUND, "worker not found");
        return { tenantId: ctx.tenantId, workerId };
      }),

    sendBatchActionEvent: unimplemented("SendBatchActionEvent"),
    sendGroupKeyActionEvent: unimplemented("SendGroupKeyActionEvent"),
    putOverridesData: unimplemented("PutOverridesData"),
    restoreEvictedTask: unimplemented("RestoreEvictedTask"),
  };
}

function parseIncrement(text: string): number {
  const ms = parseGoDuration(text);
  if (ms === undefined || ms <= 0) throw new ServerError(Status.INVALID_ARGUMENT, "incrementTimeoutBy must be a duration like 10s");
  return ms;
}
