/**
 * The DurableTask stream's worker status reports (spec §10.1), spoken raw over gRPC: satisfied
 * entries are delivered again, only an invocation older than the task's current one is evicted
 * (Hatchet's handleWorkerStatus), a burst of reports is answered up to the newest, a completion
 * the stream carried lately is not repeated for every report, and an entry found pending lately
 * is not looked up again until its window has passed.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import type { DurableTaskRequest, DurableTaskResponse } from "@hatchet-dev/typescript-sdk/protoc/v1/dispatcher";
import { V1DispatcherDefinition } from "@hatchet-dev/typescript-sdk/protoc/v1/dispatcher";
import type * as Durable from "@hatchet-dev/typescript-sdk/v1/examples/durable/workflow";
import type * as Client from "@hatchet-dev/typescript-sdk/v1/examples/hatchet-client";
import { createChannel, createClient, Metadata } from "nice-grpc";
import pg from "pg";
import { Channel } from "../hub";
import { startEngineFixture, type EngineFixture } from "./fixture";

/** One raw DurableTask stream: requests go in, responses are read in the order they arrive. */
function openStream(fixture: EngineFixture) {
  const channel = createChannel(fixture.engine.grpcAddress);
  const client = createClient(V1DispatcherDefinition, channel);
  const requests = new Channel<DurableTaskRequest>();
  const responses = client.durableTask(requests, { metadata: Metadata({ authorization: `Bearer ${fixture.engine.token}` }) })[Symbol.asyncIterator]();
  return {
    send: (request: DurableTaskRequest) => requests.push(request),
    async next(): Promise<DurableTaskResponse> {
      const { value, done } = await responses.next();
      assert.ok(!done, "the stream ended");
      return value;
    },
    close() {
      requests.close();
      channel.close();
    },
  };
}

describe("embedded engine: durable worker status reports", { timeout: 60_000 }, () => {
  let fixture: EngineFixture;
  let worker: { stop(): Promise<void> };
  let hatchet: typeof Client.hatchet;
  let ex: typeof Durable;
  let pool: pg.Pool;

  before(async () => {
    fixture = await startEngineFixture();
    pool = new pg.Pool({ connectionString: fixture.database.url, max: 2 });
    hatchet = (await import("@hatchet-dev/typescript-sdk/v1/examples/hatchet-client")).hatchet;
    ex = await import("@hatchet-dev/typescript-sdk/v1/examples/durable/workflow");
    const harness = await import("@hatchet-dev/typescript-sdk/v1/examples/__e2e__/harness");
    worker = await harness.startWorker({ client: hatchet, name: "conformance-worker-status", workflows: [ex.memoNowCaching, ex.waitForEventLookback], slots: 2 });
  });

  after(async () => {
    await worker?.stop();
    await pool?.end();
    await fixture?.stop();
  });

  /** A finished memoNowCaching run's memo entry: satisfied, so a report that lists it is answered with it. */
  async function finishedMemoEntry() {
    const ref = await ex.memoNowCaching.runNoWait({});
    await ref.output;
    const { rows } = await pool.query<{ task_id: string; branch_id: number; node_id: number; invocation: number }>(
      `SELECT e.task_id, e.branch_id, e.node_id, t.invocation FROM hatchet.durable_entries e JOIN hatchet.tasks t ON t.id = e.task_id
       WHERE t.run_id = $1 AND e.kind = 'MEMO'`,
      [await ref.getWorkflowRunId()],
    );
    const memo = rows[0]!;
    return { durableTaskExternalId: memo.task_id, branchId: memo.branch_id, nodeId: memo.node_id, invocationCount: memo.invocation };
  }

  test("an entry a report found pending is not looked up again within its window, and is after it", async () => {
    const userId = Math.floor(Math.random() * 1_000_000_000);
    const ref = await ex.waitForEventLookback.runNoWait({ userId });
    const runId = await ref.getWorkflowRunId();
    let pending: { durableTaskExternalId: string; branchId: number; nodeId: number; invocationCount: number } | undefined;
    for (let i = 0; i < 100 && !pending; i++) {
      const { rows } = await pool.query<{ task_id: string; branch_id: number; node_id: number; invocation: number }>(
        `SELECT w.task_id, w.branch_id, w.node_id, t.invocation FROM hatchet.waits w JOIN hatchet.tasks t ON t.id = w.task_id
         WHERE t.run_id = $1 AND w.kind = 'EVENT' AND w.satisfied_at IS NULL`,
        [runId],
      );
      if (rows[0]) pending = { durableTaskExternalId: rows[0].task_id, branchId: rows[0].branch_id, nodeId: rows[0].node_id, invocationCount: rows[0].invocation };
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(pending, "the task waits for its event");
    const markers = [await finishedMemoEntry(), await finishedMemoEntry(), await finishedMemoEntry()];

    const stream = openStream(fixture);
    try {
      const workerId = randomUUID();
      stream.send({ registerWorker: { workerId } });
      await stream.next();
      // Each report also lists a satisfied marker: its completion, alone, shows the report was answered.
      const report = async (marker: (typeof markers)[number]) => {
        stream.send({ workerStatus: { workerId, waitingEntries: [pending!, marker] } });
        return (await stream.next()).entryCompleted?.ref;
      };
      const noted = performance.now();
      assert.deepEqual(await report(markers[0]!), markers[0], "pending: only the marker is answered");
      await hatchet.events.push("user:create", { order: "o-1", user_id: userId }, { scope: `user_id:${userId}` });
      await ref.output;
      // Satisfied now (and pushed to the worker that runs the task), but found pending moments ago.
      assert.deepEqual(await report(markers[1]!), markers[1], "not looked up again within the window");
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 10_100 - (performance.now() - noted))));
      stream.send({ workerStatus: { workerId, waitingEntries: [pending, markers[2]!] } });
      const answered = [(await stream.next()).entryCompleted?.ref, (await stream.next()).entryCompleted?.ref];
      assert.deepEqual(new Set(answered.map((r) => r?.nodeId + "/" + r?.durableTaskExternalId)), new Set([pending, markers[2]!].map((r) => r.nodeId + "/" + r.durableTaskExternalId)), "after the window it is looked up, and sent");
    } finally {
      stream.close();
    }
  });

  test("a finished task's entries are delivered again; only an older invocation is evicted", async () => {
    const ref = await ex.memoNowCaching.runNoWait({});
    const output = await ref.output;
    const { rows } = await pool.query<{ task_id: string; branch_id: number; node_id: number; invocation: number; status: string }>(
      `SELECT e.task_id, e.branch_id, e.node_id, t.invocation, t.status FROM hatchet.durable_entries e
       JOIN hatchet.tasks t ON t.id = e.task_id JOIN hatchet.runs r ON r.id = t.run_id
       WHERE r.id = $1 AND e.kind = 'MEMO'`,
      [await ref.getWorkflowRunId()],
    );
    const memo = rows[0]!;
    assert.equal(memo.status, "COMPLETED");

    const stream = openStream(fixture);
    try {
      const workerId = randomUUID();
      stream.send({ registerWorker: { workerId } });
      assert.deepEqual((await stream.next()).registerWorker, { workerId });

      const entry = { durableTaskExternalId: memo.task_id, branchId: memo.branch_id, nodeId: memo.node_id };
      // A burst: each report supersedes the ones still queued; the newest is always answered.
      for (let i = 0; i < 20; i++) stream.send({ workerStatus: { workerId, waitingEntries: [{ ...entry, invocationCount: memo.invocation }] } });
      stream.send({ workerStatus: { workerId, waitingEntries: [{ ...entry, invocationCount: memo.invocation }, { ...entry, invocationCount: memo.invocation - 1 }] } });

      const answered: DurableTaskResponse[] = [];
      while (!answered.some((r) => r.serverEvict)) answered.push(await stream.next());
      const completions = answered.filter((r) => r.entryCompleted);
      assert.equal(completions.length, 1, "the satisfied memo entry is delivered again, once for the whole burst");
      for (const { entryCompleted } of completions) {
        assert.deepEqual(entryCompleted!.ref, { ...entry, invocationCount: memo.invocation });
        assert.deepEqual(JSON.parse(Buffer.from(entryCompleted!.payload!).toString()), { ts: output.start_time }, "the memo of ctx.now()");
      }
      const evictions = answered.filter((r) => r.serverEvict).map((r) => r.serverEvict!);
      assert.deepEqual(
        evictions.map((e) => [e.durableTaskExternalId, e.invocationCount]),
        [[memo.task_id, memo.invocation - 1]],
        "the finished task's current invocation is never evicted, the older one is",
      );
    } finally {
      stream.close();
    }
  });
});
