/**
 * Durable tasks over the DurableTask stream, with the SDK's own durable examples
 * (v1/examples/durable): sleeps, event waits, Or groups, lookback, memo, children, replay and
 * non-determinism — asserting what Hatchet's durable.e2e.ts asserts.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type * as Durable from "@hatchet-dev/typescript-sdk/v1/examples/durable/workflow";
import type * as Eviction from "@hatchet-dev/typescript-sdk/v1/examples/durable_eviction/workflow";
import type * as Client from "@hatchet-dev/typescript-sdk/v1/examples/hatchet-client";
import { startEngineFixture, type EngineFixture } from "./fixture";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("embedded engine: durable tasks (SDK durable examples)", { timeout: 120_000 }, () => {
  let fixture: EngineFixture;
  let worker: { stop(): Promise<void> };
  let hatchet: typeof Client.hatchet;
  let ex: typeof Durable;
  let eviction: typeof Eviction;

  before(async () => {
    fixture = await startEngineFixture();
    hatchet = (await import("@hatchet-dev/typescript-sdk/v1/examples/hatchet-client")).hatchet;
    ex = await import("@hatchet-dev/typescript-sdk/v1/examples/durable/workflow");
    eviction = await import("@hatchet-dev/typescript-sdk/v1/examples/durable_eviction/workflow");
    const harness = await import("@hatchet-dev/typescript-sdk/v1/examples/__e2e__/harness");
    worker = await harness.startWorker({
      client: hatchet,
      name: "conformance-durable",
      workflows: [
        ex.durableWorkflow, ex.waitForSleepTwice, ex.spawnChildTask, ex.durableWithSpawn, ex.durableWithBulkSpawn, ex.durableWithExplicitSpawn,
        ex.durableNonDeterminism, ex.waitForEventLookback, ex.waitForOrEventLookback, ex.waitForTwoEventsSecondPushedFirst, ex.memoNowCaching,
        ex.errorRaisingTask, ex.errorRaisingDurableParent, ex.dagChildWorkflow, ex.durableSpawnDag, ex.durableReplayReset, eviction.evictableWaitForEvent,
      ],
      slots: 20,
    });
  });

  after(async () => {
    await worker?.stop();
    await fixture?.stop();
  });

  test("a durable workflow sleeps, waits for an event, and tells which Or branch fired", async () => {
    const ref = await ex.durableWorkflow.runNoWait({});
    let finished = false;
    const result = ref.output.finally(() => (finished = true));
    await sleep((ex.SLEEP_TIME_SECONDS + 1) * 1000);
    for (let i = 0; i < 30 && !finished; i++) {
      await hatchet.events.push(ex.EVENT_KEY, { test: "test", i });
      await sleep(200);
    }
    const output = (await result) as Record<string, Record<string, unknown>>;
    assert.equal(output.durable_task!.status, "success");
    assert.equal((output.durable_task!.event as { test: string }).test, "test");
    assert.equal(output.durable_task!.sleep_duration_ms, ex.SLEEP_TIME_SECONDS * 1000);
    const g1 = output.wait_for_or_group_1!;
    const g2 = output.wait_for_or_group_2!;
    assert.equal(g1.key, "CREATE");
    assert.equal(g2.key, "CREATE");
    assert.ok(["sleep", "event"].includes(String(g1.eventId)));
    assert.ok(["sleep", "event"].includes(String(g2.eventId)));
    assert.ok(Math.abs(Number(g1.runtime) - ex.SLEEP_TIME_SECONDS) <= 5);
    assert.ok(Number(output.wait_for_multi_sleep!.runtime) >= 3 * ex.SLEEP_TIME_SECONDS, "three sleeps in a row");
  });

  test("children spawned from durable tasks: one, ten in bulk, explicit spawnChild, a DAG", async () => {
    assert.deepEqual((await ex.durableWithSpawn.run({})).child_output, { message: "hello from child 1" });
    assert.deepEqual(
      (await ex.durableWithBulkSpawn.run({ n: 10 })).child_outputs,
      Array.from({ length: 10 }, (_, i) => ({ message: `hello from child ${i}` })),
    );
    assert.deepEqual((await ex.durableWithExplicitSpawn.run({})).child_output, { message: "hello from child 1" });
    const dag = await ex.durableSpawnDag.run({});
    assert.ok(dag.sleep_duration >= ex.SLEEP_TIME_SECONDS);
    assert.equal(dag.sleep_duration_ms, ex.SLEEP_TIME_SECONDS * 1000);
    assert.ok(dag.spawn_result && typeof dag.spawn_result === "object");
  });

  test("a durable parent catches its failed child's error; the child FAILED, the parent COMPLETED", async () => {
    const message = `error in child task ${crypto.randomUUID()}`;
    const result = await ex.errorRaisingDurableParent.run({ error_message: message });
    assert.equal(result.child_raised, true);
    assert.match(String(result.child_error_str), new RegExp(message));
    assert.equal((await hatchet.runs.get(result.child_run_external_id)).run.status, "FAILED");
    let parent = await hatchet.runs.get(result.parent_run_external_id);
    for (let i = 0; i < 50 && parent.run.status !== "COMPLETED"; i++) {
      await sleep(100);
      parent = await hatchet.runs.get(result.parent_run_external_id);
    }
    assert.equal(parent.run.status, "COMPLETED");
  });

  test("lookback: an event pushed before the wait began is received", async () => {
    const userId = 1234;
    await hatchet.events.push("user:create", { order: "first", user_id: userId }, { scope: `user_id:${userId}` });
    const result = await ex.waitForEventLookback.run({ userId });
    assert.deepEqual(result.event, { order: "first", user_id: userId });

    const scope = `scope-${crypto.randomUUID()}`;
    await hatchet.events.push(ex.EVENT_KEY, { order: "first" }, { scope });
    const started = Date.now();
    await ex.waitForOrEventLookback.run({ scope });
    assert.ok(Date.now() - started < ex.SLEEP_TIME_SECONDS * 1000, "the stored event, not the sleep, ended the wait");
  });

  test("two waits, the second event pushed before the run and the first after it", async () => {
    const scope = `scope-${crypto.randomUUID()}`;
    await hatchet.events.push("key2", { order: "second" }, { scope });
    const ref = await ex.waitForTwoEventsSecondPushedFirst.runNoWait({ scope });
    await sleep(500);
    await hatchet.events.push("key1", { order: "first" }, { scope });
    const result = await ref.output;
    assert.deepEqual(result.event1, { order: "first" });
    assert.deepEqual(result.event2, { order: "second" });
  });

  test("branch: a durable task forked at node 2 keeps sleep 1 from the log and sleeps 2 and 3 again", async () => {
    const ref = await ex.durableReplayReset.runNoWait({});
    const first = await ref.output;
    assert.ok(first.sleep_1_duration >= ex.REPLAY_RESET_SLEEP_SECONDS && first.sleep_3_duration >= ex.REPLAY_RESET_SLEEP_SECONDS);
    const taskId = await hatchet.runs.getTaskExternalId(await ref.getWorkflowRunId());
    await hatchet.runs.branchDurableTask(taskId, 2);
    await sleep(1000);
    const reset = await ref.output;
    assert.ok(reset.sleep_1_duration < ex.REPLAY_RESET_MEMOIZED_MAX_SECONDS, "node 1 answered from the log");
    assert.ok(reset.sleep_2_duration >= ex.REPLAY_RESET_SLEEP_SECONDS, "node 2 slept again");
    assert.ok(reset.sleep_3_duration >= ex.REPLAY_RESET_SLEEP_SECONDS, "node 3 slept again");
  });

  test("eviction: a task idle past its TTL is evicted (slot freed, isEvicted) and restored when its event arrives", async () => {
    const ref = await eviction.evictableWaitForEvent.runNoWait({});
    const runId = await ref.getWorkflowRunId();
    let details = await hatchet.runs.get(runId);
    for (let i = 0; i < 100 && !details.tasks.some((t) => (t as { isEvicted?: boolean }).isEvicted); i++) {
      await sleep(200);
      details = await hatchet.runs.get(runId);
    }
    assert.ok(details.tasks.some((t) => (t as { isEvicted?: boolean }).isEvicted), "evicted after its 5 s TTL");
    assert.equal(details.tasks[0]!.status, "RUNNING", "an evicted task still counts as running");
    await hatchet.events.push(eviction.EVENT_KEY, {});
    assert.deepEqual(await ref.output, { status: "completed" });
    const events = (await hatchet.runs.get(runId)).taskEvents.map((e) => e.eventType as string);
    assert.ok(events.includes("DURABLE_EVICTED"), events.join(", "));
  });

  test("replay: a completed durable task answers from its log (memo, sleep) and catches non-determinism", async () => {
    const memo = await ex.memoNowCaching.runNoWait({});
    const first = await memo.output;
    await memo.replay();
    await sleep(300);
    assert.equal((await memo.output).start_time, first.start_time, "ctx.now() is memoized across invocations");

    const twice = await ex.waitForSleepTwice.runNoWait({});
    assert.ok((await twice.output).runtime >= ex.SLEEP_TIME_SECONDS);
    await twice.replay();
    await sleep(300);
    assert.ok((await twice.output).runtime < ex.SLEEP_TIME_SECONDS, "the replayed sleep was already satisfied");

    const nd = await ex.durableNonDeterminism.runNoWait({});
    assert.equal((await nd.output).non_determinism_detected, false);
    await nd.replay();
    await sleep(300);
    const replayed = await nd.output;
    assert.equal(replayed.non_determinism_detected, true);
    assert.equal(replayed.node_id, 1);
    assert.equal(replayed.attempt_number, 2);
  });
});
