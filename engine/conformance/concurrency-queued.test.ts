/**
 * Conformance: CANCEL_QUEUED_EXCEPT_NEWEST / _OLDEST (Hatchet v0.105.16, "keep only the most or
 * least recent queued item until in-progress runs complete") with the SDK's compiled examples.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import type * as ExceptNewest from "@hatchet-dev/typescript-sdk/v1/examples/concurrency_cancel_queued_except_newest/workflow";
import type * as ExceptOldest from "@hatchet-dev/typescript-sdk/v1/examples/concurrency_cancel_queued_except_oldest/workflow";
import type * as Client from "@hatchet-dev/typescript-sdk/v1/examples/hatchet-client";
import { startEngineFixture, type EngineFixture } from "./fixture";

const examples = "@hatchet-dev/typescript-sdk/v1/examples";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("embedded engine: queued-except concurrency strategies", { timeout: 120_000 }, () => {
  let fixture: EngineFixture;
  let worker: { stop(): Promise<void> };
  let hatchet: typeof Client.hatchet;
  let newest: typeof ExceptNewest;
  let oldest: typeof ExceptOldest;

  before(async () => {
    fixture = await startEngineFixture();
    hatchet = (await import(`${examples}/hatchet-client`)).hatchet;
    newest = await import(`${examples}/concurrency_cancel_queued_except_newest/workflow`);
    oldest = await import(`${examples}/concurrency_cancel_queued_except_oldest/workflow`);
    const harness = await import(`${examples}/__e2e__/harness`);
    worker = await harness.startWorker({
      client: hatchet,
      name: "conformance-concurrency-queued",
      workflows: [newest.concurrencyCancelQueuedExceptNewestWorkflow, oldest.concurrencyCancelQueuedExceptOldestWorkflow],
      slots: 20,
    });
  });

  after(async () => {
    await worker?.stop();
    await fixture?.stop();
  });

  /** One run starts and holds the group; four more queue behind it, one by one; returns the statuses in trigger order. */
  async function debounce(workflow: typeof newest.concurrencyCancelQueuedExceptNewestWorkflow): Promise<string[]> {
    const group = randomUUID();
    const first = await workflow.runNoWait({ group });
    const firstId = await first.getWorkflowRunId();
    for (let i = 0; i < 100 && (await hatchet.runs.get(firstId)).run.status !== "RUNNING"; i++) await sleep(50);
    // Arrivals one after another (runs triggered in one bulk call arrive together, in no order).
    const ids = [firstId];
    for (let i = 0; i < 4; i++) {
      ids.push(await (await workflow.runNoWait({ group })).getWorkflowRunId());
      await sleep(30);
    }
    for (let i = 0; i < 200; i++) {
      const statuses = await Promise.all(ids.map(async (id) => (await hatchet.runs.get(id)).run.status as string));
      if (statuses.every((s) => ["COMPLETED", "FAILED", "CANCELLED"].includes(s))) return statuses;
      await sleep(100);
    }
    assert.fail("the group's runs did not all finish");
  }

  test("CANCEL_QUEUED_EXCEPT_NEWEST: the running one finishes, the newest queued runs next, the rest are cancelled", async () => {
    assert.deepEqual(await debounce(newest.concurrencyCancelQueuedExceptNewestWorkflow), ["COMPLETED", "CANCELLED", "CANCELLED", "CANCELLED", "COMPLETED"]);
  });

  test("CANCEL_QUEUED_EXCEPT_OLDEST: the running one finishes, the oldest queued runs next, the rest are cancelled", async () => {
    assert.deepEqual(await debounce(oldest.concurrencyCancelQueuedExceptOldestWorkflow as unknown as typeof newest.concurrencyCancelQueuedExceptNewestWorkflow), [
      "COMPLETED",
      "COMPLETED",
      "CANCELLED",
      "CANCELLED",
      "CANCELLED",
    ]);
  });
});
