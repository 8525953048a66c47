import { DispatcherDefinition } from "@hatchet-dev/typescript-sdk/protoc/dispatcher/dispatcher";
import { EventsServiceDefinition } from "@hatchet-dev/typescript-sdk/protoc/events/events";
import { V1DispatcherDefinition } from "@hatchet-dev/typescript-sdk/protoc/v1/dispatcher";
import { AdminServiceDefinition } from "@hatchet-dev/typescript-sdk/protoc/v1/workflows";
import { WorkflowServiceDefinition } from "@hatchet-dev/typescript-sdk/protoc/workflows/workflows";
import { createServer, ServerError, Status, type CallContext, type ServerMiddlewareCall } from "nice-grpc";
import { adminService } from "./admin";
import type { EngineContext } from "./context";
import { dispatcherService } from "./dispatcher";
import { durableService } from "./durable";
import { eventsService } from "./events";
import { workflowService } from "./workflows";

/** Hatchet's default (SERVER_GRPC_MAX_MSG_SIZE): larger messages fail with RESOURCE_EXHAUSTED. */
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

export type Verify = (authorization: string | undefined) => Promise<string | undefined>;

/**
 * Every call must carry `authorization: bearer <token>` for this engine's tenant.
 *
 * Every response also advertises `grpc-accept-encoding: identity`. The SDK's channels default to
 * gzip (`grpc.default_compression_algorithm`), which costs its worker about a quarter of its CPU
 * on step events of a few hundred bytes. A grpc-js client stops compressing on a channel once a
 * response names the encodings the server prefers without gzip (grpc-js `compression-filter.ts`:
 * `serverSupportedEncodingHeader` is shared by the channel's calls), so after its first call a
 * channel sends plain messages. gzip is still accepted: the first call of each channel uses it,
 * as may any client that ignores the header.
 */
function authMiddleware(verify: Verify) {
  return async function* <Request, Response>(call: ServerMiddlewareCall<Request, Response>, context: CallContext) {
    context.header.set("grpc-accept-encoding", "identity");
    const tenantId = await verify(context.metadata.get("authorization"));
    if (!tenantId) throw new ServerError(Status.UNAUTHENTICATED, "missing or invalid bearer token");
    return yield* call.next(call.request, context);
  };
}

export async function startGrpcServer(ctx: EngineContext, verify: Verify, port: number): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer({
    "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
    "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
    // The SDK pings every 10 s; allow it (grpc-go's 5-minute minimum would answer GOAWAY).
    "grpc.keepalive_permit_without_calls": 1,
    "grpc.http2.min_ping_interval_without_data_ms": 5_000,
  }).use(authMiddleware(verify));
  server.add(DispatcherDefinition, dispatcherService(ctx));
  server.add(AdminServiceDefinition, adminService(ctx));
  server.add(WorkflowServiceDefinition, workflowService(ctx));
  server.add(EventsServiceDefinition, eventsService(ctx));
  server.add(V1DispatcherDefinition, durableService(ctx));
  const bound = await server.listen(`127.0.0.1:${port}`);
  return {
    port: bound,
    async close() {
      // Long-lived streams (ListenV2, result subscriptions) would hold a graceful shutdown forever.
      server.forceShutdown();
    },
  };
}
