/**
 * Scheduled runs and crons on a virtual clock: `wf.schedule`, `wf.delay`, `wf.cron`, declared
 * `on: { cron }`, and the REST list/get/delete calls behind `hatchet.scheduled` and
 * `hatchet.crons` — days pass in milliseconds.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type * as Client from "@hatchet-dev/typescript-sdk/v1/examples/hatchet-client";
import { VirtualClock } from "../clock";
import { startEngineFixture, type EngineFixture } from "./fixture";

const declareRemind = (hatchet: typeof Client.hatchet) => hatchet.task({ name: "remind", fn: (input: { account: string }) => ({ reminded: input.account }) });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(100);
  }
}

describe("embedded engine: scheduled runs and crons on a virtual clock", { timeout: 120_000 }, () => {
  const clock = new VirtualClock();
  let fixture: EngineFixture;
  let worker: { stop(): Promise<void> };
  let hatchet: typeof Client.hatchet;
  let remind: ReturnType<typeof declareRemind>;
  let nightly: ReturnType<typeof Client.hatchet.workflow>;

  before(async () => {
    fixture = await startEngineFixture({ clock });
    hatchet = (await import("@hatchet-dev/typescript-sdk/v1/examples/hatchet-client")).hatchet;
    remind = declareRemind(hatchet);
    nightly = hatchet.workflow({ name: "nightly-report", on: { cron: "0 2 * * *" } });
    nightly.task({ name: "report", fn: () => ({ ok: true }) });
    const harness = await import("@hatchet-dev/typescript-sdk/v1/examples/__e2e__/harness");
    worker = await harness.startWorker({ client: hatchet, name: "conformance-schedules", workflows: [remind, nightly], slots: 10 });
  });

  after(async () => {
    await worker?.stop();
    await fixture?.stop();
  });

  const runsOf = (name: string, metadata?: Record<string, string>) =>
    hatchet.runs.list({ since: new Date(0), workflowNames: [`${hatchet.config.namespace}${name}`], additionalMetadata: metadata, onlyTasks: false });

  test("a run scheduled two days ahead starts only when the clock gets there, once", async () => {
    const scheduled = await remind.schedule(new Date(clock.now().getTime() + 2 * 86_400_000), { account: "A-1" });
    assert.match(scheduled.metadata.id, /^[0-9a-f-]{36}$/);
    await sleep(600); // three sweeps
    assert.equal((await runsOf("remind", { hatchet__scheduled_run_id: scheduled.metadata.id })).rows?.length, 0);
    clock.advance("1d23h");
    await sleep(600);
    assert.equal((await runsOf("remind", { hatchet__scheduled_run_id: scheduled.metadata.id })).rows?.length, 0, "not before its time");
    clock.advance("1h");
    const runs = await poll(() => runsOf("remind", { hatchet__scheduled_run_id: scheduled.metadata.id }), (l) => l.rows?.[0]?.status === "COMPLETED");
    assert.equal(runs.rows?.length, 1);
    assert.deepEqual(runs.rows?.[0]?.output, { remind: { reminded: "A-1" } });
    const fired = await hatchet.scheduled.get(scheduled.metadata.id);
    assert.equal(fired.workflowRunId, runs.rows?.[0]?.metadata.id);
    clock.advance("1d");
    await sleep(600);
    assert.equal((await runsOf("remind", { hatchet__scheduled_run_id: scheduled.metadata.id })).rows?.length, 1, "fired once");
  });

  test("a deleted schedule never runs; delay() counts from the engine's clock", async () => {
    const doomed = await remind.schedule(new Date(clock.now().getTime() + 3_600_000), { account: "A-2" });
    await hatchet.scheduled.delete(doomed.metadata.id);
    await assert.rejects(hatchet.scheduled.get(doomed.metadata.id));
    const delayed = await remind.delay(600, { account: "A-3" });
    clock.advance("2h");
    const runs = await poll(() => runsOf("remind", { hatchet__scheduled_run_id: delayed.metadata.id }), (l) => l.rows?.[0]?.status === "COMPLETED");
    assert.deepEqual(runs.rows?.[0]?.output, { remind: { reminded: "A-3" } });
    await sleep(600);
    assert.equal((await runsOf("remind", { hatchet__scheduled_run_id: doomed.metadata.id })).rows?.length, 0);
  });

  test("crons: declared and created ones fire on their ticks, a missed stretch fires once, deleted ones stop", async () => {
    const listed = await hatchet.crons.list({});
    const declared = listed.rows?.find((c) => c.workflowName.endsWith("nightly-report"));
    assert.equal(declared?.cron, "0 2 * * *");
    assert.equal(declared?.method, "DEFAULT");
    const hourly = await remind.cron("hourly-reminder", "0 * * * *", { account: "A-4" });
    assert.equal(hourly.cron, "0 * * * *");
    const byCron = () => runsOf("remind", { hatchet__cron_name: "hourly-reminder" });

    clock.advance("1h");
    await poll(byCron, (l) => l.rows?.length === 1 && l.rows[0]?.status === "COMPLETED");
    clock.advance("5h"); // five ticks missed while nobody looked: one catch-up run
    await poll(byCron, (l) => (l.rows?.length ?? 0) >= 2);
    await sleep(600);
    assert.equal((await byCron()).rows?.length, 2);
    clock.advance("1d");
    const nightlyRuns = await poll(() => runsOf("nightly-report"), (l) => (l.rows?.length ?? 0) >= 1);
    assert.ok((nightlyRuns.rows?.length ?? 0) >= 1, "the declared nightly cron fired");

    await hatchet.crons.delete(hourly.metadata.id);
    const before = (await byCron()).rows?.length;
    clock.advance("3h");
    await sleep(600);
    assert.equal((await byCron()).rows?.length, before, "a deleted cron stops");
  });

  test("bad schedules are refused and create nothing", async () => {
    await assert.rejects(remind.cron("broken", "every tuesday", { account: "x" }));
    await assert.rejects(hatchet.scheduled.create("no-such-workflow", { triggerAt: new Date(), input: {} }));
    const crons = await hatchet.crons.list({});
    assert.ok(!crons.rows?.some((c) => c.name === "broken"));
  });
});
