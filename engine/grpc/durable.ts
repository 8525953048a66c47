import type { DurableEventLogEntryRef, DurableTaskRequest, DurableTaskResponse, V1DispatcherServiceImplementation } from "@hatchet-dev/typescript-sdk/protoc/v1/dispatcher";
import { ServerError, Status } from "nice-grpc";
import { RecentRefs } from "../durable/recent-refs";
import { TaskLanes } from "../durable/task-lanes";
import { Channel } from "../hub";
import type { EngineContext } from "./context";
import { unimplementedStream } from "./errors";

/** Requests of one stream in flight at once (each is a short transaction on the engine's pool). */
const CONCURRENT_REQUESTS = 8;

const STATUS_LANE = "worker-status";

/**
 * A stream's status reports are answered at most this often. Each lists every callback the worker
 * still waits for (a busy worker: thousands), costing the engine a decode, two statements over
 * arrays that long and a check per entry, and the SDK sends one on every new wait. Completions go
 * out as entries are satisfied and the SDK buffers early ones, so reports only recover lost
 * completions: answering the newest every quarter second recovers them as well.
 */
const STATUS_ANSWER_INTERVAL_MS = 250;

/** The durable task a request belongs to (its lane); undefined for registration. */
function laneOf(request: DurableTaskRequest): string | undefined {
  if (request.registerWorker) return undefined;
  const taskId =
    request.memo?.durableTaskExternalId ??
    request.waitFor?.durableTaskExternalId ??
    request.triggerRuns?.durableTaskExternalId ??
    request.evictInvocation?.durableTaskExternalId ??
    request.completeMemo?.ref?.durableTaskExternalId;
  // Worker status reports share a lane of their own, in order.
  return taskId === undefined ? STATUS_LANE : `task:${taskId}`;
}

/** A stream's responses, remembering the completions it carried and the entries it found pending (engine/durable/recent-refs.ts). */
class DurableResponses extends Channel<DurableTaskResponse> {
  readonly sent = new RecentRefs();
  readonly pending = new RecentRefs();

  override push(response: DurableTaskResponse): void {
    if (response.entryCompleted?.ref) this.sent.note(response.entryCompleted.ref);
    super.push(response);
  }
}

/**
 * v1.V1Dispatcher: the DurableTask stream (spec §10). The SDK matches acks to requests only by
 * task and invocation, and a task awaits each ack: requests of one task are handled in order,
 * different tasks' requests side by side (engine/durable/task-lanes.ts).
 */
export function durableService(ctx: EngineContext): V1DispatcherServiceImplementation {
  return {
    async *durableTask(requests, context) {
      const out = new DurableResponses();
      let workerId: string | undefined;
      const stream = {
        send: (response: DurableTaskResponse) => out.push(response),
        attach: (id: string) => {
          if (workerId && workerId !== id) ctx.hub.detachDurable(workerId, out);
          workerId = id;
          ctx.hub.attachDurable(id, out);
        },
        sentRecently: (ref: DurableEventLogEntryRef) => out.sent.isRecent(ref),
        foundPendingRecently: (ref: DurableEventLogEntryRef) => out.pending.isRecent(ref),
        notePending: (ref: DurableEventLogEntryRef) => out.pending.note(ref),
      };
      const onAbort = () => out.close();
      context.signal.addEventListener("abort", onAbort);
      // A request that fails outside its own error handling ends the stream, as the worker going
      // away would: the SDK reconnects and reports what it still waits for.
      const lanes = new TaskLanes(CONCURRENT_REQUESTS, () => out.close());
      // The SDK sends a status report every second and on every new wait, each listing all that
      // it still waits for: a report queued behind another is superseded by the next one, so
      // only the newest waiting report is answered (a burst of waits no longer fills the lanes).
      let newestStatus: DurableTaskRequest | undefined;
      let lastStatusAnswer = 0;
      let statusTimer: NodeJS.Timeout | undefined;
      const answerNewestStatus = async () => {
        const report = newestStatus!;
        newestStatus = undefined;
        lastStatusAnswer = Date.now();
        await ctx.durable.handle(report, stream);
      };
      const answerStatusSoon = () => {
        const wait = lastStatusAnswer + STATUS_ANSWER_INTERVAL_MS - Date.now();
        if (wait <= 0) return lanes.submit(STATUS_LANE, answerNewestStatus);
        statusTimer = setTimeout(() => {
          statusTimer = undefined;
          void lanes.submit(STATUS_LANE, answerNewestStatus).catch(() => out.close());
        }, wait);
        return Promise.resolve();
      };
      void (async () => {
        try {
          for await (const request of requests) {
            const lane = laneOf(request);
            // Registration first and alone: every later request's stream routing depends on it.
            if (lane === undefined) await ctx.durable.handle(request, stream);
            else if (request.workerStatus) {
              const queued = newestStatus !== undefined;
              newestStatus = request;
              if (!queued) await answerStatusSoon();
            } else await lanes.submit(lane, () => ctx.durable.handle(request, stream));
          }
          await lanes.drained();
        } catch {
          // the worker went away; its invocations are evicted or reassigned by the engine's timers
        } finally {
          clearTimeout(statusTimer);
          out.close();
        }
      })();
      try {
        yield* out;
      } finally {
        context.signal.removeEventListener("abort", onAbort);
        if (workerId) ctx.hub.detachDurable(workerId, out);
      }
    },

    // The pre-eviction protocol (engine < v0.80.0, spec §10.9): this engine announces v0.80.0.
    registerDurableEvent: async () => {
      throw new ServerError(Status.UNIMPLEMENTED, "RegisterDurableEvent: the engine speaks the DurableTask protocol (v0.80.0)");
    },
    listenForDurableEvent: unimplementedStream("ListenForDurableEvent: the engine speaks the DurableTask protocol (v0.80.0)"),
  };
}
