/**
 * A minimal worker that speaks the dispatcher protocol directly (Register, ListenV2,
 * SendStepActionEvent STARTED + COMPLETED, no compression), so the benchmark can load the engine
 * without the SDK worker's own cost (it gzips every step event: ~5 ms of CPU per task on these
 * machines). The workflows are registered through the SDK, exactly as a real worker would.
 */
import { ActionType, DispatcherDefinition, StepActionEventType } from "@hatchet-dev/typescript-sdk/protoc/dispatcher/dispatcher";
import { HatchetClient } from "@hatchet-dev/typescript-sdk/v1";
import { createChannel, createClient, Metadata } from "nice-grpc";
import { benchWorkflows } from "./workflows";

// SIGTERM ends the process normally (a --cpu-prof profile is written on exit).
process.on("SIGTERM", () => process.exit(0));

const hatchet = HatchetClient.init();
// Creating an SDK worker registers the workflow definitions (PutWorkflow); it is never started.
await hatchet.worker("bench-registrar", { workflows: benchWorkflows(hatchet) });

const channel = createChannel(process.env.HATCHET_CLIENT_HOST_PORT!);
const dispatcher = createClient(DispatcherDefinition, channel, { "*": { metadata: Metadata({ authorization: `bearer ${process.env.HATCHET_CLIENT_TOKEN}` }) } });
const { workerId } = await dispatcher.register({
  workerName: "bench-protocol-worker",
  actions: ["bench-single:bench-single", "bench-dag:a", "bench-dag:b", "bench-dag:c"],
  services: [],
  slots: 1000,
  labels: {},
  slotConfig: {},
});
const heartbeat = setInterval(() => void dispatcher.heartbeat({ workerId, heartbeatAt: new Date() }).catch(() => undefined), 4_000);

function output(taskName: string, payload: string): unknown {
  if (taskName === "bench-single" || taskName === "a") return { startedAt: Date.now() };
  const parents = (JSON.parse(payload) as { parents: Record<string, { startedAt?: number; from?: number }> }).parents;
  const parent = taskName === "b" ? parents.a : parents.b;
  return { from: parent?.startedAt ?? parent?.from };
}

console.log("ready");
for await (const action of dispatcher.listenV2({ workerId })) {
  if (action.actionType !== ActionType.START_STEP_RUN) continue;
  const event = (eventType: StepActionEventType, eventPayload: string) =>
    dispatcher.sendStepActionEvent({
      workerId,
      jobId: action.jobId,
      jobRunId: action.jobRunId,
      taskId: action.taskId,
      taskRunExternalId: action.taskRunExternalId,
      actionId: action.actionId,
      eventTimestamp: new Date(),
      eventType,
      eventPayload,
      retryCount: action.retryCount,
    });
  void (async () => {
    await event(StepActionEventType.STEP_EVENT_TYPE_STARTED, "");
    await event(StepActionEventType.STEP_EVENT_TYPE_COMPLETED, JSON.stringify(output(action.taskName, action.actionPayload)));
  })().catch((error: unknown) => console.error("step event failed:", error));
}
clearInterval(heartbeat);
