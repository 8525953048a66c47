/**
 * What one gRPC unary call costs on this machine, with nothing behind it: a server built as the
 * engine's (nice-grpc on @grpc/grpc-js, one middleware) answering SendStepActionEvent at once, in
 * its own process, and a nice-grpc client (as the protocol worker's) keeping 100 calls in flight.
 * Every task costs two such calls (STARTED, COMPLETED) before any engine or database work, so
 * this is the floor under the engine's and the worker's CPU per task.
 *
 * `measureUnaryCost()` runs it; the file run with `serve` is the server.
 */
import { fork } from "node:child_process";
import { DispatcherDefinition, StepActionEventType, type DispatcherServiceImplementation } from "@hatchet-dev/typescript-sdk/protoc/dispatcher/dispatcher";
import { createChannel, createClient, createServer, Metadata, ServerError, Status, type CallContext, type ServerMiddlewareCall } from "nice-grpc";
import { cpuMs } from "./cpu";

const CALLS = 10_000;
const IN_FLIGHT = 100;

async function serve(): Promise<void> {
  const server = createServer().use(async function* <Request, Response>(call: ServerMiddlewareCall<Request, Response>, context: CallContext) {
    context.header.set("grpc-accept-encoding", "identity");
    if (!context.metadata.get("authorization")) throw new ServerError(Status.UNAUTHENTICATED, "no token");
    return yield* call.next(call.request, context);
  });
  const refuse = async () => {
    throw new ServerError(Status.UNIMPLEMENTED, "not served");
  };
  const methods = Object.fromEntries(Object.keys(DispatcherDefinition.methods).map((name) => [name, refuse]));
  server.add(DispatcherDefinition, { ...methods, sendStepActionEvent: async (request: { workerId: string }) => ({ tenantId: "bench", workerId: request.workerId }) } as unknown as DispatcherServiceImplementation);
  process.send!(await server.listen("127.0.0.1:0"));
}

/** CPU µs per call on the server and on the client, and calls per second. */
export async function measureUnaryCost(): Promise<{ serverUs: number; clientUs: number; callsPerSecond: number }> {
  const child = fork(new URL(import.meta.url).pathname, ["serve"], { execArgv: ["--import", "tsx"] });
  try {
    const port = await new Promise<number>((resolve) => child.once("message", (message) => resolve(message as number)));
    const channel = createChannel(`127.0.0.1:${port}`);
    const client = createClient(DispatcherDefinition, channel, { "*": { metadata: Metadata({ authorization: "bearer bench" }) } });
    const request = {
      workerId: "bench-worker",
      jobId: "a",
      jobRunId: "00000000-0000-0000-0000-000000000000",
      taskId: "a",
      taskRunExternalId: "00000000-0000-0000-0000-000000000000",
      actionId: "bench-single:bench-single",
      eventTimestamp: new Date(),
      eventType: StepActionEventType.STEP_EVENT_TYPE_COMPLETED,
      eventPayload: JSON.stringify({ startedAt: Date.now() }),
      retryCount: 0,
    };
    const run = async (calls: number) => {
      let started = 0;
      await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
        while (started++ < calls) await client.sendStepActionEvent(request);
      }));
    };
    await run(CALLS / 5); // warm-up
    const server0 = cpuMs(child.pid!);
    const client0 = process.cpuUsage();
    const t0 = Date.now();
    await run(CALLS);
    const seconds = (Date.now() - t0) / 1000;
    const used = process.cpuUsage(client0);
    channel.close();
    return { serverUs: ((cpuMs(child.pid!) - server0) * 1000) / CALLS, clientUs: (used.user + used.system) / CALLS, callsPerSecond: CALLS / seconds };
  } finally {
    child.kill();
  }
}

if (process.argv[2] === "serve") await serve();
