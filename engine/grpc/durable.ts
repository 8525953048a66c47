import type { DurableTaskResponse, V1DispatcherServiceImplementation } from "@hatchet-dev/typescript-sdk/protoc/v1/dispatcher";
import { ServerError, Status } from "nice-grpc";
import { Channel } from "../hub";
import type { EngineContext } from "./context";
import { unimplementedStream } from "./errors";

/**
 * v1.V1Dispatcher: the DurableTask stream (spec §10). Requests of one stream are handled one at a
 * time, in order: the SDK matches acks to requests only by task and invocation.
 */
export function durableService(ctx: EngineContext): V1DispatcherServiceImplementation {
  return {
    async *durableTask(requests, context) {
      const out = new Channel<DurableTaskResponse>();
      let workerId: string | undefined;
      const stream = {
        send: (response: DurableTaskResponse) => out.push(response),
        attach: (id: string) => {
          if (workerId && workerId !== id) ctx.hub.detachDurable(workerId, out);
          workerId = id;
          ctx.hub.attachDurable(id, out);
        },
      };
      const onAbort = () => out.close();
      context.signal.addEventListener("abort", onAbort);
      void (async () => {
        try {
          for await (const request of requests) await ctx.durable.handle(request, stream);
        } catch {
          // the worker went away; its invocations are evicted or reassigned by the engine's timers
        } finally {
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
