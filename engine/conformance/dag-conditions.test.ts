/**
 * DAG task conditions (waitFor / skipIf / cancelIf with sleeps, user events and parent
 * overrides) on a virtual clock: the SDK's conditions example, plus small DAGs that check the
 * data handed to `ctx.triggers()`, cancelIf, and that sleeps count from when the parents finish.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import type * as Client from "@hatchet-dev/typescript-sdk/v1/examples/hatchet-client";
import type * as Complex from "@hatchet-dev/typescript-sdk/v1/examples/conditions/complex-workflow";
import { VirtualClock } from "../clock";
import { startEngineFixture, type EngineFixture } from "./fixture";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("embedded engine: DAG task conditions on a virtual clock", { timeout: 120_000 }, () => {
  const clock = new VirtualClock();
  let fixture: EngineFixture;
  let worker: { stop(): Promise<void> };
  let hatchet: typeof Client.hatchet;
  let complex: typeof Complex;
  let approval: ReturnType<typeof Client.hatchet.workflow<{ request: string }>>;
  let guarded: ReturnType<typeof Client.hatchet.workflow>;

  before(async () => {
    fixture = await startEngineFixture({ clock });
    hatchet = (await import("@hatchet-dev/typescript-sdk/v1/examples/hatchet-client")).hatchet;
    complex = await import("@hatchet-dev/typescript-sdk/v1/examples/conditions/complex-workflow");
    const { Or, SleepCondition, UserEventCondition } = await import("@hatchet-dev/typescript-sdk/v1/conditions");

    // Waits for an approval event scoped to the request, or gives up after a day.
    approval = hatchet.workflow<{ request: string }>({ name: "approval" });
    const submit = approval.task({ name: "submit", fn: (input: { request: string }) => ({ request: input.request }) });
    approval.task({
      name: "decide",
      parents: [submit],
      waitFor: [Or(new SleepCondition("24h", "timeout"), new UserEventCondition("approval:given", "input.amount < 500", "approved"))],
      fn: (_input: { request: string }, ctx: { triggers(): unknown }) => ({ triggers: ctx.triggers() as Record<string, unknown> }),
    });

    // Cancelled when a stop event arrives before its one-hour wait is over.
    guarded = hatchet.workflow({ name: "guarded" });
    const begin = guarded.task({ name: "begin", fn: () => ({ ok: true }) });
    guarded.task({
      name: "later",
      parents: [begin],
      waitFor: [new SleepCondition("1h")],
      cancelIf: [new UserEventCondition("guarded:stop", "")],
      fn: () => ({ ran: true }),
    });

    const harness = await import("@hatchet-dev/typescript-sdk/v1/examples/__e2e__/harness");
    worker = await harness.startWorker({ client: hatchet, name: "conformance-conditions", workflows: [complex.taskConditionWorkflow, approval, guarded], slots: 10 });
  });

  after(async () => {
    await worker?.stop();
    await fixture?.stop();
  });

  async function taskStatuses(runId: string): Promise<Record<string, string>> {
    const details = await hatchet.runs.get(runId);
    return Object.fromEntries((details.tasks ?? []).map((t) => [t.displayName ?? "", t.status]));
  }

  /** A task's waits exist once its parents are done: time may only move after that. */
  async function untilWaiting(ref: { getWorkflowRunId(): Promise<string> }, count: number): Promise<void> {
    const runId = await ref.getWorkflowRunId();
    const db = new pg.Client({ connectionString: fixture.database.url });
    await db.connect();
    try {
      for (let i = 0; i < 100; i++) {
        const { rows } = await db.query<{ n: number }>(
          "SELECT count(DISTINCT w.task_id)::int AS n FROM hatchet.waits w JOIN hatchet.tasks t ON t.id = w.task_id WHERE t.run_id = $1 AND w.node_id = 0",
          [runId],
        );
        if (rows[0]!.n >= count) return;
        await sleep(100);
      }
      throw new Error("the DAG never reached its waits");
    } finally {
      await db.end();
    }
  }

  test("the SDK's conditions example: skipIf on an event, waits on sleeps, Or of sleep and event, parent-override branches", async () => {
    const ref = await complex.taskConditionWorkflow.runNoWait({});
    await untilWaiting(ref, 3); // waitForSleep, skipOnEvent, waitForEvent
    await hatchet.events.push("skip_on_event:skip", {});
    await hatchet.events.push("wait_for_event:start", {});
    clock.advance("10s"); // the 10 s sleeps end; the 1 m one is beaten by the event
    const result = (await ref.output) as Record<string, Record<string, number | boolean | undefined>>;
    assert.equal(result.skipOnEvent!.skipped, true);
    const left = result.leftBranch!;
    const right = result.rightBranch!;
    assert.ok(Boolean(left.skipped) !== Boolean(right.skipped), "exactly one branch runs");
    const waitForSleep = Number(result.waitForSleep!.randomNumber);
    assert.equal(Boolean(left.skipped), waitForSleep > 50, "the branch follows the parent's output");
    const branch = Number(left.randomNumber ?? right.randomNumber);
    assert.equal(result.sum!.sum, Number(result.start!.randomNumber) + Number(result.waitForEvent!.randomNumber) + waitForSleep + branch);
  });

  test("an event matching the scope-free CEL condition queues the task, and ctx.triggers() carries it", async () => {
    const ref = await approval.runNoWait({ request: "r-1" });
    await untilWaiting(ref, 1);
    await hatchet.events.push("approval:given", { amount: 900 }); // fails the expression
    await sleep(300);
    assert.equal((await taskStatuses(await ref.getWorkflowRunId())).decide, "QUEUED", "still waiting");
    await hatchet.events.push("approval:given", { amount: 120 });
    const result = (await ref.output) as { decide: { triggers: Record<string, unknown> } };
    assert.deepEqual(result.decide.triggers.approved, { amount: 120 });
    assert.equal(result.decide.triggers.timeout, undefined, "only what fired");
  });

  test("without an event the day-long timeout fires when the virtual clock passes it", async () => {
    const ref = await approval.runNoWait({ request: "r-2" });
    await untilWaiting(ref, 1);
    clock.advance("23h");
    await sleep(400);
    assert.equal((await taskStatuses(await ref.getWorkflowRunId())).decide, "QUEUED", "not before its time");
    clock.advance("1h");
    const result = (await ref.output) as { decide: { triggers: Record<string, unknown> } };
    assert.deepEqual(result.decide.triggers.timeout, { sleep_duration: "24h" });
  });

  test("cancelIf: a stop event cancels the waiting task and its run", async () => {
    const ref = await guarded.runNoWait({});
    const runId = await ref.getWorkflowRunId();
    await untilWaiting(ref, 1);
    await hatchet.events.push("guarded:stop", {});
    await ref.output.catch(() => undefined); // a cancelled run ends its subscription (with no output)
    await sleep(100);
    assert.equal((await taskStatuses(runId)).later, "CANCELLED");
    assert.equal((await hatchet.runs.get(runId)).run.status, "CANCELLED");
  });
});
