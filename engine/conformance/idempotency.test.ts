/**
 * Conformance: idempotency keys, with the SDK's idempotency example and the assertions of
 * Hatchet's idempotency.e2e.ts (direct, bulk, expiring window, events), plus the STATUS method
 * and the gRPC details Hatchet attaches. TTL windows pass on a virtual clock instead of sleeps.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { Status as RpcStatus } from "@hatchet-dev/typescript-sdk/protoc/google/rpc/status";
import { IdempotencyCollisionError as CollisionProto } from "@hatchet-dev/typescript-sdk/protoc/v1/workflows";
import { WorkflowServiceDefinition } from "@hatchet-dev/typescript-sdk/protoc/workflows/workflows";
import type * as Client from "@hatchet-dev/typescript-sdk/v1/examples/hatchet-client";
import type * as Idempotency from "@hatchet-dev/typescript-sdk/v1/examples/idempotency/workflow";
import type * as V1 from "@hatchet-dev/typescript-sdk/v1";
import { ClientError, createChannel, createClient, Metadata, Status } from "nice-grpc";
import { VirtualClock } from "../clock";
import { startEngineFixture, type EngineFixture } from "./fixture";

const examples = "@hatchet-dev/typescript-sdk/v1/examples";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(100);
  }
}

async function collision<T>(attempt: () => Promise<unknown>, type: abstract new (...args: never[]) => T): Promise<T> {
  try {
    await attempt();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  assert.fail(`expected ${type.name}`);
}

describe("embedded engine: idempotency keys", { timeout: 120_000 }, () => {
  const clock = new VirtualClock();
  let fixture: EngineFixture;
  let worker: { stop(): Promise<void> };
  let hatchet: typeof Client.hatchet;
  let example: typeof Idempotency;
  let sdk: typeof V1;

  before(async () => {
    fixture = await startEngineFixture({ clock });
    hatchet = (await import(`${examples}/hatchet-client`)).hatchet;
    example = await import(`${examples}/idempotency/workflow`);
    sdk = await import("@hatchet-dev/typescript-sdk/v1");
    const harness = await import(`${examples}/__e2e__/harness`);
    worker = await harness.startWorker({
      client: hatchet,
      name: "conformance-idempotency",
      workflows: [example.idempotentTask, example.idempotentTaskShortWindow, example.idempotentStatusBasedTask],
      slots: 10,
    });
  });

  after(async () => {
    await worker?.stop();
    await fixture?.stop();
  });

  const runsFor = (testRunId: string) => hatchet.runs.list({ since: new Date(0), additionalMetadata: { test_run_id: testRunId }, onlyTasks: false, limit: 20 });

  test("a second direct trigger with the same key is refused with the first run's id; the first run completes", async () => {
    const testRunId = randomUUID();
    const ref1 = await example.idempotentTask.runNoWait({ id: testRunId }, { additionalMetadata: { test_run_id: testRunId } });
    const error = await collision(() => example.idempotentTask.runNoWait({ id: testRunId }), sdk.IdempotencyCollisionError);
    const firstId = await ref1.getWorkflowRunId();
    assert.equal(error.existingRunExternalId, firstId);
    assert.deepEqual(await ref1.output, { result: `Hello, world from task ${testRunId}` });
    const runs = await runsFor(testRunId);
    assert.equal(runs.rows?.length, 1);
    assert.equal(runs.rows?.[0]?.metadata.id, firstId);
  });

  test("a bulk trigger creates the first run and reports the duplicate", async () => {
    const testRunId = randomUUID();
    const error = await collision(
      () =>
        example.idempotentTask.runManyNoWait([
          { input: { id: testRunId }, opts: { additionalMetadata: { test_run_id: testRunId } } },
          { input: { id: testRunId } },
        ]),
      sdk.BulkTriggerIdempotencyCollisionError,
    );
    assert.equal(error.successfulWorkflowRunExternalIds.length, 1);
    assert.equal(error.collisions.length, 1);
    assert.ok(error.collisions[0] instanceof sdk.IdempotencyCollisionError);
    assert.equal(error.collisions[0]!.existingRunExternalId, error.successfulWorkflowRunExternalIds[0]);
    const runs = await poll(() => runsFor(testRunId), (l) => l.rows?.[0]?.status === "COMPLETED");
    assert.equal(runs.rows?.length, 1, "the successful run was created");
    assert.equal(runs.rows?.[0]?.metadata.id, error.successfulWorkflowRunExternalIds[0]);
  });

  test("the short window: a key is free again once its TTL passed (upstream's 0 s, 1.5 s, 4 s, 7.5 s triggers → 3 runs)", async () => {
    const testRunId = randomUUID();
    const trigger = () => example.idempotentTaskShortWindow.runNoWait({ id: testRunId }, { additionalMetadata: { test_run_id: testRunId } });
    await trigger();
    clock.advance(1_500);
    const error = await collision(trigger, sdk.IdempotencyCollisionError);
    assert.ok(error.existingRunExternalId);
    clock.advance(2_500);
    await trigger();
    clock.advance(3_500);
    await trigger();
    const runs = await runsFor(testRunId);
    assert.equal(runs.rows?.length, 3);
  });

  test("pushing the same event twice starts one run; both pushes succeed", async () => {
    const testRunId = randomUUID();
    const push = () => hatchet.events.push(example.EVENT_KEY, { id: testRunId }, { additionalMetadata: { test_run_id: testRunId } });
    const e1 = await push();
    const e2 = await push();
    const runs = await poll(() => runsFor(testRunId), (l) => l.rows?.[0]?.status === "COMPLETED");
    assert.equal(runs.rows?.length, 1);
    const events = await hatchet.events.list({ eventIds: [e1.eventId, e2.eventId] });
    assert.equal(events.rows?.length, 2);
    const triggered = (events.rows ?? []).flatMap((row) => row.triggeredRuns ?? []);
    assert.equal(triggered.length, 1);
    assert.equal(triggered[0]?.workflowRunId, runs.rows?.[0]?.metadata.id);
  });

  test("STATUS: the key is held while the run is active and free as soon as it ended", async () => {
    await worker.stop();
    const testRunId = randomUUID();
    const task = example.idempotentStatusBasedTask;
    const first = await task.runNoWait({ id: testRunId }, { additionalMetadata: { test_run_id: testRunId } });
    const error = await collision(() => task.runNoWait({ id: testRunId }), sdk.IdempotencyCollisionError);
    assert.equal(error.existingRunExternalId, await first.getWorkflowRunId(), "queued counts as active");
    const harness = await import(`${examples}/__e2e__/harness`);
    worker = await harness.startWorker({ client: hatchet, name: "conformance-idempotency-2", workflows: [task], slots: 5 });
    await first.output;
    const second = await task.runNoWait({ id: testRunId }, { additionalMetadata: { test_run_id: testRunId } });
    assert.notEqual(await second.getWorkflowRunId(), await first.getWorkflowRunId());
    await second.output;
    assert.equal((await runsFor(testRunId)).rows?.length, 2);
  });

  test("on the wire: ALREADY_EXISTS, message and a google.rpc.Status trailer naming v1.IdempotencyCollisionError", async () => {
    const testRunId = randomUUID();
    const name = `${hatchet.config.namespace}ts-e2e-idempotent-task`;
    const channel = createChannel(fixture.engine.grpcAddress);
    const client = createClient(WorkflowServiceDefinition, channel, { "*": { metadata: new Metadata({ authorization: `Bearer ${fixture.engine.token}` }) } });
    try {
      const request = { name, input: JSON.stringify({ id: testRunId }), desiredWorkerLabels: {} };
      const { workflowRunId } = await client.triggerWorkflow(request);
      let trailer: Metadata | undefined;
      const error = await collision(() => client.triggerWorkflow(request, { onTrailer: (t) => (trailer = t) }), ClientError);
      assert.equal(error.code, Status.ALREADY_EXISTS);
      assert.equal(error.details, "idempotency key collision");
      const status = RpcStatus.decode(trailer!.get("grpc-status-details-bin")!);
      assert.equal(status.code, Status.ALREADY_EXISTS);
      assert.equal(status.details[0]?.typeUrl, "type.googleapis.com/v1.IdempotencyCollisionError");
      assert.equal(CollisionProto.decode(status.details[0]!.value).existingRunExternalId, workflowRunId);
    } finally {
      channel.close();
    }
  });
});
