import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { startEngine, type RunningEngine } from "../../engine/index";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { cancelRun } from "./cancel-run";
import { hatchetClient, type Hatchet } from "./client";
import { listRuns } from "./list-runs";
import { replayRun } from "./replay-run";
import { runDetails } from "./run-details";

let database: TestDatabase;
let engine: RunningEngine;
let hatchet: Hatchet;
let worker: { stop(): Promise<void> };
let charges = 0;
const since = new Date(Date.now() - 60_000);

const flaky = () => hatchet.workflow({ name: "console-flaky" });
let flakyWorkflow: ReturnType<typeof flaky>;
let slowWorkflow: ReturnType<typeof flaky>;

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, label: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${label}`);
}

before(async () => {
  database = await createTestDatabase();
  engine = await startEngine({ databaseUrl: database.url, grpcPort: 0, restPort: 0, sweepIntervalMs: 200 });
  const env = engine.clientEnv as { HATCHET_CLIENT_TOKEN: string; HATCHET_CLIENT_HOST_PORT: string; HATCHET_CLIENT_API_URL: string };
  hatchet = hatchetClient({ ...env, HATCHET_CLIENT_TLS_STRATEGY: "none", HATCHET_CLIENT_NAMESPACE: `c${randomUUID().slice(0, 8)}` })!;
  flakyWorkflow = flaky();
  // Fails its first try and succeeds once replayed: the console's "retry a failed step".
  flakyWorkflow.task({
    name: "charge",
    retries: 0,
    fn: () => {
      charges += 1;
      if (charges === 1) throw new Error("card processor said no");
      return { charged: true };
    },
  });
  slowWorkflow = hatchet.workflow({ name: "console-slow" });
  slowWorkflow.task({
    name: "wait-long",
    executionTimeout: "5m",
    fn: async (_input, ctx) => {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 120_000);
        ctx.abortController.signal.addEventListener("abort", () => (clearTimeout(timer), resolve()));
      });
      return { done: true };
    },
  });
  const harness = await import("@hatchet-dev/typescript-sdk/v1/examples/__e2e__/harness");
  worker = await harness.startWorker({ client: hatchet, name: "console-runs", workflows: [flakyWorkflow, slowWorkflow], slots: 4 });
});

after(async () => {
  await worker?.stop();
  await engine?.stop();
  await database?.drop();
});

test("a failed run shows its failed step and error, and a replay completes it", async () => {
  const ref = await flakyWorkflow.runNoWait({});
  const runId = await ref.getWorkflowRunId();
  const failed = await until(() => runDetails(hatchet, runId), (d) => d?.run.status === "FAILED", "the run to fail");
  assert.ok(failed);
  assert.equal(failed.tasks.length, 1);
  assert.equal(failed.tasks[0]?.status, "FAILED");
  assert.match(failed.tasks[0]?.errorMessage ?? "", /card processor said no/);

  await replayRun(hatchet, [runId]);
  const done = await until(() => runDetails(hatchet, runId), (d) => d?.run.status === "COMPLETED", "the replay to complete");
  assert.equal(done?.tasks[0]?.status, "COMPLETED");
  assert.equal(charges, 2);
});

test("a running run can be cancelled, and the list shows runs by status", async () => {
  const ref = await slowWorkflow.runNoWait({});
  const runId = await ref.getWorkflowRunId();
  await until(() => runDetails(hatchet, runId), (d) => d?.run.status === "RUNNING", "the run to start");
  await cancelRun(hatchet, [runId]);
  await until(() => runDetails(hatchet, runId), (d) => d?.run.status === "CANCELLED", "the run to be cancelled");

  const all = await listRuns(hatchet, { since });
  assert.ok(all.some((r) => r.id === runId && r.status === "CANCELLED"));
  const cancelled = await listRuns(hatchet, { since, statuses: ["CANCELLED"] });
  assert.deepEqual(cancelled.map((r) => r.id), [runId]);
  assert.equal(await runDetails(hatchet, randomUUID()), null);
});
