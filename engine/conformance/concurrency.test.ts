/**
 * Conformance: concurrency strategies with the SDK's compiled examples, asserting what Hatchet's
 * concurrency_* e2e suites assert (fewer runs, same checks).
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import type * as CancelInProgress from "@hatchet-dev/typescript-sdk/v1/examples/concurrency_cancel_in_progress/workflow";
import type * as CancelNewest from "@hatchet-dev/typescript-sdk/v1/examples/concurrency_cancel_newest/workflow";
import type * as RoundRobin from "@hatchet-dev/typescript-sdk/v1/examples/concurrency_limit_rr/workflow";
import type * as WorkflowLevel from "@hatchet-dev/typescript-sdk/v1/examples/concurrency_workflow_level/workflow";
import type * as Client from "@hatchet-dev/typescript-sdk/v1/examples/hatchet-client";
import { startEngineFixture, type EngineFixture } from "./fixture";

const examples = "@hatchet-dev/typescript-sdk/v1/examples";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const TERMINAL = ["COMPLETED", "FAILED", "CANCELLED"];

describe("embedded engine: concurrency strategies", { timeout: 180_000 }, () => {
  let fixture: EngineFixture;
  let worker: { stop(): Promise<void> };
  let hatchet: typeof Client.hatchet;
  let inProgress: typeof CancelInProgress;
  let newest: typeof CancelNewest;
  let roundRobin: typeof RoundRobin;
  let workflowLevel: typeof WorkflowLevel;

  before(async () => {
    fixture = await startEngineFixture();
    hatchet = (await import(`${examples}/hatchet-client`)).hatchet;
    inProgress = await import(`${examples}/concurrency_cancel_in_progress/workflow`);
    newest = await import(`${examples}/concurrency_cancel_newest/workflow`);
    roundRobin = await import(`${examples}/concurrency_limit_rr/workflow`);
    workflowLevel = await import(`${examples}/concurrency_workflow_level/workflow`);
    const harness = await import(`${examples}/__e2e__/harness`);
    worker = await harness.startWorker({
      client: hatchet,
      name: "conformance-concurrency",
      workflows: [inProgress.concurrencyCancelInProgressWorkflow, newest.concurrencyCancelNewestWorkflow, roundRobin.simpleConcurrency, workflowLevel.concurrencyWorkflowLevelWorkflow],
      slots: 100,
    });
  });

  after(async () => {
    await worker?.stop();
    await fixture?.stop();
  });

  const settledRuns = async (testRunId: string, count: number) => {
    for (let i = 0; i < 300; i++) {
      const rows = (await hatchet.runs.list({ additionalMetadata: { test_run_id: testRunId }, onlyTasks: false, limit: 1000 })).rows ?? [];
      if (rows.length === count && rows.every((r) => TERMINAL.includes(r.status))) return rows;
      await sleep(100);
    }
    assert.fail(`runs of ${testRunId} did not all finish`);
  };

  test("CANCEL_IN_PROGRESS: each newer run of a group cancels the one in progress; the last completes", async () => {
    const testRunId = randomUUID();
    const refs = [];
    for (let i = 0; i < 4; i++) {
      refs.push(await inProgress.concurrencyCancelInProgressWorkflow.runNoWait({ group: "A" }, { additionalMetadata: { test_run_id: testRunId, i: String(i) } }));
      await sleep(1000);
    }
    await Promise.allSettled(refs.map((ref) => ref.output));
    const runs = (await settledRuns(testRunId, 4)).sort((a, b) => Number((a.additionalMetadata as Record<string, string>).i) - Number((b.additionalMetadata as Record<string, string>).i));
    assert.deepEqual(runs.map((r) => r.status), ["CANCELLED", "CANCELLED", "CANCELLED", "COMPLETED"]);
  });

  test("CANCEL_NEWEST: while a group's run is in progress, newer runs of the group are cancelled", async () => {
    const testRunId = randomUUID();
    const first = await newest.concurrencyCancelNewestWorkflow.runNoWait({ group: "A" }, { additionalMetadata: { test_run_id: testRunId } });
    await sleep(1000);
    const late = await Promise.all(Array.from({ length: 5 }, () => newest.concurrencyCancelNewestWorkflow.runNoWait({ group: "A" }, { additionalMetadata: { test_run_id: testRunId } })));
    await first.output;
    await Promise.allSettled(late.map((ref) => ref.output));
    const runs = await settledRuns(testRunId, 6);
    const firstId = await first.getWorkflowRunId();
    assert.equal(runs.find((r) => r.metadata.id === firstId)?.status, "COMPLETED");
    assert.ok(runs.filter((r) => r.metadata.id !== firstId).every((r) => r.status === "CANCELLED"));
    const cancelled = await hatchet.runs.get(await late[0]!.getWorkflowRunId());
    assert.match(JSON.stringify(cancelled.taskEvents), /CONCURRENCY_LIMIT/);
  });

  test("GROUP_ROUND_ROBIN: one run per group at a time, every run completes", async () => {
    const results = await roundRobin.simpleConcurrency.run([
      { Message: "a", GroupKey: "A" },
      { Message: "b", GroupKey: "A" },
      { Message: "c", GroupKey: "B" },
      { Message: "d", GroupKey: "B" },
    ]);
    assert.deepEqual(results.map((r) => (r as { "to-lower": { TransformedMessage: string } })["to-lower"].TransformedMessage), ["a", "b", "c", "d"]);
  });

  test("workflow level, two keys: no moment has more than the limit running for a name or a digit", async () => {
    const testRunId = randomUUID();
    const names = ["Anna", "Vronsky", "Stiva"];
    const refs = await Promise.all(
      Array.from({ length: 24 }, (_, i) => {
        const name = names[i % names.length]!;
        const digit = String(i % 2);
        return workflowLevel.concurrencyWorkflowLevelWorkflow.runNoWait({ name, digit }, { additionalMetadata: { test_run_id: testRunId, name, digit } });
      }),
    );
    await Promise.all(refs.map((ref) => ref.output));
    const runs = await settledRuns(testRunId, 24);
    const spans = runs.map((r) => ({ ...(r.additionalMetadata as { name: string; digit: string }), start: Date.parse(r.startedAt!), end: Date.parse(r.finishedAt!) }));
    for (const span of spans) {
      const during = spans.filter((other) => other.start <= span.start && other.end > span.start);
      const sameName = during.filter((o) => o.name === span.name).length;
      const sameDigit = during.filter((o) => o.digit === span.digit).length;
      assert.ok(sameName <= workflowLevel.NAME_MAX_RUNS, `${sameName} runs for ${span.name} at once`);
      assert.ok(sameDigit <= workflowLevel.DIGIT_MAX_RUNS, `${sameDigit} runs for digit ${span.digit} at once`);
    }
    // The limit was reached, not avoided by running one at a time.
    assert.ok(spans.some((span) => spans.filter((o) => o.name === span.name && o.start <= span.start && o.end > span.start).length === workflowLevel.NAME_MAX_RUNS));
  });
});
