/**
 * Conformance: the SDK's own compiled examples against the embedded engine, with the assertions
 * Hatchet's e2e suites make for them (sdks/typescript/src/v1/examples/<name>/*.e2e.ts).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type * as ChildIndex from "@hatchet-dev/typescript-sdk/v1/examples/child_index/workflow";
import type * as Client from "@hatchet-dev/typescript-sdk/v1/examples/hatchet-client";
import type * as NonRetryable from "@hatchet-dev/typescript-sdk/v1/examples/non_retryable/workflow";
import type * as OnFailure from "@hatchet-dev/typescript-sdk/v1/examples/on_failure/workflow";
import type * as ReturnExceptions from "@hatchet-dev/typescript-sdk/v1/examples/return_exceptions/workflow";
import type * as Simple from "@hatchet-dev/typescript-sdk/v1/examples/simple/workflow";
import type * as Timeout from "@hatchet-dev/typescript-sdk/v1/examples/timeout/workflow";
import { startEngineFixture, type EngineFixture } from "./fixture";

type Worker = { stop(): Promise<void> };
const examples = "@hatchet-dev/typescript-sdk/v1/examples";

describe("SDK examples on the embedded engine: tasks", { timeout: 180_000 }, () => {
  let fixture: EngineFixture;
  let worker: Worker;
  let hatchet: typeof Client.hatchet;
  let ex: {
    simple: typeof Simple;
    returnExceptions: typeof ReturnExceptions;
    nonRetryable: typeof NonRetryable;
    onFailure: typeof OnFailure;
    childIndex: typeof ChildIndex;
    timeout: typeof Timeout;
  };

  before(async () => {
    fixture = await startEngineFixture();
    hatchet = (await import(`${examples}/hatchet-client`)).hatchet;
    ex = {
      simple: await import(`${examples}/simple/workflow`),
      returnExceptions: await import(`${examples}/return_exceptions/workflow`),
      nonRetryable: await import(`${examples}/non_retryable/workflow`),
      onFailure: await import(`${examples}/on_failure/workflow`),
      childIndex: await import(`${examples}/child_index/workflow`),
      timeout: await import(`${examples}/timeout/workflow`),
    };
    const harness = await import(`${examples}/__e2e__/harness`);
    worker = await harness.startWorker({
      client: hatchet,
      name: "conformance-tasks",
      workflows: [
        ex.simple.simple,
        ex.returnExceptions.returnExceptionsTask,
        ex.nonRetryable.nonRetryableWorkflow,
        ex.onFailure.failureWorkflow,
        ex.childIndex.childIndexChild,
        ex.childIndex.childIndexParent,
        ex.timeout.timeoutTask,
      ],
      slots: 50,
    });
  });

  after(async () => {
    await worker?.stop();
    await fixture?.stop();
  });

  test("simple: a task's output comes back to run()", async () => {
    const result = await ex.simple.simple.run({ Message: "HeLlO WoRlD" });
    assert.deepEqual(result, { TransformedMessage: "hello world" });
  });

  test("simple: runNoWait gives a run id whose output resolves, and many runs in parallel all finish", async () => {
    const ref = await ex.simple.simple.runNoWait({ Message: "ABC" });
    assert.match(await ref.getWorkflowRunId(), /^[0-9a-f-]{36}$/);
    assert.deepEqual(await ref.output, { TransformedMessage: "abc" });
    const many = await Promise.all(Array.from({ length: 25 }, (_, i) => ex.simple.simple.run({ Message: `M${i}` })));
    assert.deepEqual(many.map((r) => r.TransformedMessage), Array.from({ length: 25 }, (_, i) => `m${i}`));
  });

  test("return_exceptions: failures come back as errors beside the successes", async () => {
    const inputs = Array.from({ length: 6 }, (_, index) => ({ index }));
    const results = await ex.returnExceptions.returnExceptionsTask.run(inputs, { returnExceptions: true });
    assert.equal(results.length, 6);
    results.forEach((result, index) => {
      if (index % 2 === 0) {
        assert.ok(result instanceof Error, `index ${index} failed`);
        assert.match(result.message, new RegExp(`error in task with index ${index}`));
      } else {
        assert.deepEqual(result, { message: "this is a successful task." });
      }
    });
  });

  test("non_retryable: NonRetryableError fails at once, a plain error uses its retry", async () => {
    const ref = await ex.nonRetryable.nonRetryableWorkflow.runNoWait({});
    await assert.rejects(ref.output);
    const details = await hatchet.runs.get(await ref.getWorkflowRunId());
    const events = details.taskEvents;
    const named = (name: string, type: string) => events.filter((e) => e.taskDisplayName === name && e.eventType === type).length;
    assert.equal(named("should-not-retry", "RETRYING"), 0);
    assert.equal(named("should-not-retry", "FAILED"), 1);
    assert.equal(named("should-retry-wrong-error-type", "RETRYING"), 1);
    assert.equal(named("should-retry-wrong-error-type", "FAILED"), 2);
    assert.equal(details.run.status, "FAILED");
  });

  test("on_failure: the run fails with the task's error, and the on-failure task runs", async () => {
    const ref = await ex.onFailure.failureWorkflow.runNoWait({});
    await assert.rejects(ref.output, (error: unknown) => JSON.stringify(error).includes(ex.onFailure.ERROR_TEXT));
    const details = await hatchet.runs.get(await ref.getWorkflowRunId());
    assert.equal(details.run.status, "FAILED");
    const onFailure = details.tasks.find((t) => t.displayName.includes("on-failure") || t.displayName.includes("on_failure"));
    assert.ok(onFailure, `tasks: ${details.tasks.map((t) => t.displayName).join(", ")}`);
    assert.equal(onFailure.status, "COMPLETED");
    assert.deepEqual(onFailure.output, { status: "success" });
  });

  test("child_index: children spawned with runChild and runNoWait all return, in order", async () => {
    const result = (await ex.childIndex.childIndexParent.run({ n: 3 })) as { "mixed-spawn": { ctxResults: string[]; rnwResults: string[]; runIds: string[] } };
    const output = result["mixed-spawn"];
    assert.deepEqual(output.ctxResults, ["ctx-0", "ctx-1", "ctx-2"]);
    assert.deepEqual(output.rnwResults, ["rnw-0", "rnw-1", "rnw-2"]);
    assert.equal(new Set(output.runIds).size, 3);
  });

  test("timeout: a task past its execution timeout fails with Hatchet's message", async () => {
    await assert.rejects(ex.timeout.timeoutTask.run({ Message: "hello" }), (error: unknown) => /exceeded timeout of 3s/i.test(JSON.stringify(error) + String(error)));
  });
});
