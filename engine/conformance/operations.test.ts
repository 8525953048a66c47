/**
 * Conformance: priority, event triggers, cancel and replay through the SDK, and the gRPC status
 * Hatchet gives for bad input (nothing half-written). Ported from Hatchet's priority, on_event,
 * bulk_operations e2e suites, plus the engine's own checks.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { DispatcherDefinition, StepActionEventType } from "@hatchet-dev/typescript-sdk/protoc/dispatcher/dispatcher";
import { WorkflowServiceDefinition } from "@hatchet-dev/typescript-sdk/protoc/workflows/workflows";
import type * as BulkReplay from "@hatchet-dev/typescript-sdk/v1/examples/bulk_operations/workflow";
import type * as Client from "@hatchet-dev/typescript-sdk/v1/examples/hatchet-client";
import type * as OnEvent from "@hatchet-dev/typescript-sdk/v1/examples/on_event/workflow";
import type * as Priority from "@hatchet-dev/typescript-sdk/v1/examples/priority/workflow";
import pg from "pg";
import { ClientError, createChannel, createClient, Metadata, Status } from "nice-grpc";
import { startEngineFixture, type EngineFixture } from "./fixture";

const examples = "@hatchet-dev/typescript-sdk/v1/examples";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(100);
  }
}

describe("embedded engine: priority, events, cancel, replay, bad input", { timeout: 180_000 }, () => {
  let fixture: EngineFixture;
  let worker: { stop(): Promise<void> };
  let hatchet: typeof Client.hatchet;
  let priority: typeof Priority;
  let onEvent: typeof OnEvent;
  let bulkReplay: typeof BulkReplay;
  const queuedBeforeWorker: { ref: { getWorkflowRunId(): Promise<string> }; level: number }[] = [];
  let wildcard: ReturnType<typeof Client.hatchet.workflow>;
  let sleeper: ReturnType<typeof Client.hatchet.task>;

  before(async () => {
    fixture = await startEngineFixture();
    hatchet = (await import(`${examples}/hatchet-client`)).hatchet;
    priority = await import(`${examples}/priority/workflow`);
    onEvent = await import(`${examples}/on_event/workflow`);
    bulkReplay = await import(`${examples}/bulk_operations/workflow`);
    wildcard = hatchet.workflow({ name: "wildcard-orders", onEvents: ["orders:*"] });
    wildcard.task({ name: "echo", fn: (input: Record<string, unknown>) => ({ seen: input }) });
    sleeper = hatchet.task({ name: "sleeper", fn: async (_input, ctx) => {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 60_000);
        ctx.abortController.signal.addEventListener("abort", () => (clearTimeout(timer), resolve()));
      });
      return { slept: true };
    } });
    const workflows = [priority.priority, priority.priorityWf, onEvent.lower, onEvent.upper, bulkReplay.bulkReplayTest1, bulkReplay.bulkReplayTest2, wildcard, sleeper];
    const harness = await import(`${examples}/__e2e__/harness`);
    worker = await harness.startWorker({ client: hatchet, name: "conformance-ops", workflows, slots: 1 });
    // Paused: the runs below queue up, and are picked by priority once it resumes.
    await (worker as unknown as { pause(): Promise<unknown> }).pause();
    for (const level of [1, 1, 3, 2, 3, 1]) queuedBeforeWorker.push({ ref: await priority.priority.runNoWait({}, { priority: level }), level });
    await sleep(300);
    await (worker as unknown as { unpause(): Promise<unknown> }).unpause();
  });

  after(async () => {
    await worker?.stop();
    await fixture?.stop();
  });

  test("priority: a task sees its default priority, and queued work starts highest priority first", async () => {
    const result = await priority.priority.run({});
    assert.equal(result.priority, 2);
    const started: { level: number; at: string }[] = [];
    for (const { ref, level } of queuedBeforeWorker) {
      const runId = await ref.getWorkflowRunId();
      const run = await poll(() => hatchet.runs.get(runId), (r) => r.run.status === "COMPLETED");
      const task = run.tasks[0]!;
      assert.equal((task.output as { priority: number }).priority, level);
      started.push({ level, at: task.startedAt! });
    }
    const order = started.sort((a, b) => a.at.localeCompare(b.at)).map((s) => s.level);
    assert.deepEqual(order, [3, 3, 2, 1, 1, 1]);
  });

  test("on_event: a pushed event runs every workflow listening for its key, with the event's id in their metadata", async () => {
    const testRunId = randomUUID();
    const event = await hatchet.events.push(onEvent.SIMPLE_EVENT, { Message: "Hello World", test_run_id: testRunId }, { additionalMetadata: { test_run_id: testRunId } });
    assert.match(event.eventId, /^[0-9a-f-]{36}$/);
    const runs = await poll(
      () => hatchet.runs.list({ additionalMetadata: { hatchet__event_id: event.eventId } }),
      (list) => (list.rows ?? []).length === 2 && (list.rows ?? []).every((r) => r.status === "COMPLETED"),
    );
    const outputs = (runs.rows ?? []).map((r) => JSON.stringify(r.output)).sort();
    assert.deepEqual(outputs, [JSON.stringify({ lower: { TransformedMessage: "hello world" } }), JSON.stringify({ upper: { TransformedMessage: "HELLO WORLD" } })].sort());
    for (const run of runs.rows ?? []) assert.equal((run.additionalMetadata as Record<string, string>).test_run_id, testRunId);
    const listed = await hatchet.events.list({ eventIds: [event.eventId] });
    assert.equal(listed.rows?.[0]?.key, event.key);
    assert.equal(listed.rows?.[0]?.triggeredRuns?.length, 2);
  });

  test("events: `*` in a trigger matches any suffix, other keys trigger nothing, bulk push triggers each event", async () => {
    const events = await hatchet.events.bulkPush("orders:created", [{ payload: { n: 1 } }, { payload: { n: 2 } }]);
    const other = await hatchet.events.push("invoices:created", { n: 3 });
    for (const event of events.events) {
      const runs = await poll(() => hatchet.runs.list({ additionalMetadata: { hatchet__event_id: event.eventId } }), (l) => l.rows?.[0]?.status === "COMPLETED");
      assert.equal(runs.rows?.length, 1);
      assert.deepEqual((runs.rows?.[0]?.output as { echo: unknown }).echo, { seen: JSON.parse(event.payload) });
    }
    await sleep(300);
    const none = await hatchet.runs.list({ additionalMetadata: { hatchet__event_id: other.eventId } });
    assert.equal(none.rows?.length, 0);
  });

  test("cancel: a running task is cancelled, the worker is told, and the run ends CANCELLED", async () => {
    const ref = await sleeper.runNoWait({});
    const runId = await ref.getWorkflowRunId();
    await poll(() => hatchet.runs.get(runId), (r) => r.run.status === "RUNNING");
    await hatchet.runs.cancel({ ids: [runId] });
    const run = await poll(() => hatchet.runs.get(runId), (r) => r.run.status === "CANCELLED");
    assert.equal(run.run.status, "CANCELLED");
    assert.ok(run.taskEvents.some((e) => e.eventType === "CANCELLED"));
    // Spec §8: a user cancel leaves an empty error, which the SDK resolves as {}; the worker's late
    // return ({ slept: true }) after the abort is not recorded.
    assert.deepEqual(await ref.output, {});
    assert.equal((await hatchet.runs.get(runId)).tasks[0]?.output, undefined);
  });

  test("replay: a filter replays finished runs as new attempts, which complete again", async () => {
    const meta = { test_run_id: randomUUID() };
    const since = new Date(Date.now() - 60_000);
    await bulkReplay.bulkReplayTest1.runNoWait([{}, {}, {}], { additionalMetadata: meta });
    await bulkReplay.bulkReplayTest2.runNoWait([{}], { additionalMetadata: meta });
    const workflowNames = [bulkReplay.bulkReplayTest1.name, bulkReplay.bulkReplayTest2.name].map((n) => `${hatchet.config.namespace}${n}`);
    const list = () => hatchet.runs.list({ since, limit: 100, workflowNames, additionalMetadata: meta, onlyTasks: true });
    const initial = await poll(list, (runs) => runs.rows?.length === 4 && runs.rows.every((r) => r.status === "COMPLETED"));
    assert.equal(initial.rows?.length, 4);
    const before = new Map(initial.rows!.map((r) => [r.metadata.id, r.retryCount ?? 0]));
    assert.ok([...before.values()].every((count) => count === 1), "each failed once and retried");
    await hatchet.runs.replay({ filters: { since, workflowNames, additionalMetadata: meta } });
    const replayed = await poll(list, (runs) => (runs.rows ?? []).every((r) => r.status === "COMPLETED" && (r.retryCount ?? 0) > before.get(r.metadata.id)!));
    assert.equal(replayed.rows?.length, 4);
    for (const row of replayed.rows!) assert.equal(row.retryCount, 2);
    assert.equal(replayed.rows!.filter((r) => r.workflowName === workflowNames[0]).length, 3);
  });

  test("bad input: unknown workflow, invalid JSON, oversized messages and bad tokens get Hatchet's status and write nothing", async () => {
    const channel = createChannel(fixture.engine.grpcAddress);
    const auth = Metadata({ authorization: `bearer ${fixture.engine.token}` });
    const client = createClient(WorkflowServiceDefinition, channel, { "*": { metadata: auth } });
    const statusOf = (promise: Promise<unknown>) => promise.then(() => "OK", (error: unknown) => (error instanceof ClientError ? Status[error.code] : String(error)));
    const countRuns = async () => {
      const db = new pg.Client({ connectionString: fixture.database.url });
      await db.connect();
      try {
        return (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM hatchet.runs")).rows[0]!.n;
      } finally {
        await db.end();
      }
    };
    const runsBefore = await countRuns();
    const name = `${hatchet.config.namespace}${sleeper.name}`;
    try {
      assert.equal(await statusOf(client.triggerWorkflow({ name: "no-such-workflow", input: "{}" })), "NOT_FOUND");
      assert.equal(await statusOf(client.triggerWorkflow({ name, input: "{not json" })), "INVALID_ARGUMENT");
      assert.equal(await statusOf(client.triggerWorkflow({ name, input: "[1,2]" })), "INVALID_ARGUMENT");
      assert.equal(await statusOf(client.triggerWorkflow({ name, input: "{}", additionalMetadata: "nope" })), "INVALID_ARGUMENT");
      assert.equal(await statusOf(client.triggerWorkflow({ name, input: JSON.stringify({ blob: "x".repeat(5 * 1024 * 1024) }) })), "RESOURCE_EXHAUSTED");
      // One bad entry in a bulk trigger rejects the whole batch.
      assert.equal(await statusOf(client.bulkTriggerWorkflow({ workflows: [{ name, input: "{}" }, { name, input: "{" }] })), "INVALID_ARGUMENT");
      const anonymous = createClient(WorkflowServiceDefinition, channel);
      assert.equal(await statusOf(anonymous.triggerWorkflow({ name, input: "{}" })), "UNAUTHENTICATED");
      const forged = createClient(WorkflowServiceDefinition, channel, { "*": { metadata: Metadata({ authorization: `bearer ${fixture.engine.token.slice(0, -4)}AAAA` }) } });
      assert.equal(await statusOf(forged.triggerWorkflow({ name, input: "{}" })), "UNAUTHENTICATED");
      assert.equal(await countRuns(), runsBefore);

      // Step events: a malformed task id is INVALID_ARGUMENT; a late or duplicate COMPLETED for a
      // finished task is accepted (the SDK retries) and changes nothing.
      const dispatcher = createClient(DispatcherDefinition, channel, { "*": { metadata: auth } });
      const event = (taskRunExternalId: string, eventPayload: string) =>
        dispatcher.sendStepActionEvent({
          workerId: randomUUID(), jobId: "", jobRunId: "", taskId: "", taskRunExternalId, actionId: "", eventTimestamp: new Date(),
          eventType: StepActionEventType.STEP_EVENT_TYPE_COMPLETED, eventPayload, retryCount: 0,
        });
      assert.equal(await statusOf(event("not-a-uuid", "{}")), "INVALID_ARGUMENT");
      const ref = await priority.priority.runNoWait({});
      const original = await ref.output;
      const taskId = await ref.getWorkflowRunId(); // a one-task run's id is its task's id
      assert.equal(await statusOf(event(taskId, JSON.stringify({ priority: 99 }))), "OK");
      assert.equal(await statusOf(event(randomUUID(), "{}")), "OK");
      const after = await hatchet.runs.get(taskId);
      assert.deepEqual(after.tasks[0]?.output, original);
      assert.equal(after.taskEvents.filter((e) => e.eventType === "FINISHED").length, 1);
    } finally {
      channel.close();
    }
  });
});
