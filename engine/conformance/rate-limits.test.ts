/**
 * Conformance: rate limits with the SDK's rate_limit example — `task1` takes 1 unit of the static
 * key its module sets to 10 per second (`hatchet.ratelimits.upsert`), `task2` 1 unit of a dynamic
 * key per `input.userId` (10 per minute) — plus CEL units on a one-second dynamic window. Limits
 * are checked on the starts the engine recorded (runs' `startedAt`), not on total durations.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { RateLimitDuration } from "@hatchet-dev/typescript-sdk/protoc/v1/workflows";
import type * as Client from "@hatchet-dev/typescript-sdk/v1/examples/hatchet-client";
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

type Declaration = ReturnType<typeof Client.hatchet.task>;

/**
 * With more work queued than a window allows, each window's units go at its start and the next
 * window begins at least `windowMs` later: so any `limit + 1` starts in a row span nearly a window
 * (less only by the time one scheduling pass takes between reading the clock and assigning).
 */
function assertWindows(startedAt: (string | undefined)[], limit: number, windowMs: number) {
  const starts = startedAt.map((at) => new Date(at!).getTime()).sort((a, b) => a - b);
  for (let i = 0; i + limit < starts.length; i++) {
    const span = starts[i + limit]! - starts[i]!;
    assert.ok(span >= windowMs - 100, `starts ${i}..${i + limit} (${limit + 1} of them) fall within ${span} ms, under one ${windowMs} ms window`);
  }
}

describe("embedded engine: rate limits", { timeout: 120_000 }, () => {
  let fixture: EngineFixture;
  let worker: { stop(): Promise<void> };
  let hatchet: typeof Client.hatchet;
  let task1: Declaration;
  let task2: Declaration;
  let costly: Declaration;

  before(async () => {
    fixture = await startEngineFixture();
    hatchet = (await import(`${examples}/hatchet-client`)).hatchet;
    // The example declares its tasks without exporting them: keep what it declares.
    const declared: Declaration[] = [];
    const task = hatchet.task.bind(hatchet);
    hatchet.task = ((options: Parameters<typeof task>[0]) => {
      const declaration = task(options);
      declared.push(declaration as Declaration);
      return declaration;
    }) as typeof hatchet.task;
    await import(`${examples}/rate_limit/workflow`);
    hatchet.task = task;
    [task1, task2] = declared as [Declaration, Declaration];
    assert.deepEqual([task1.name, task2.name], ["task1", "task2"]);
    costly = hatchet.task({
      name: "costly",
      rateLimits: [{ dynamicKey: "input.group", units: "input.cost", limit: 4, duration: RateLimitDuration.SECOND }],
      fn: (input: { group: string; cost: number }) => ({ cost: input.cost }),
    }) as unknown as Declaration;
    // The module's own upsert is not awaited; this one is, so the limit exists before anything runs.
    await hatchet.ratelimits.upsert({ key: "api-service-rate-limit", limit: 10, duration: RateLimitDuration.SECOND });
    const harness = await import(`${examples}/__e2e__/harness`);
    worker = await harness.startWorker({ client: hatchet, name: "conformance-rate-limits", workflows: [task1, task2, costly], slots: 40 });
  });

  after(async () => {
    await worker?.stop();
    await fixture?.stop();
  });

  const runsFor = (testRunId: string) => hatchet.runs.list({ additionalMetadata: { test_run_id: testRunId }, onlyTasks: true, limit: 100 });

  test("static key, 10 per second: 25 queued runs all complete, never more than 10 starting in one window", async () => {
    const testRunId = randomUUID();
    await task1.runNoWait(Array.from({ length: 25 }, () => ({})), { additionalMetadata: { test_run_id: testRunId } });
    const runs = await poll(() => runsFor(testRunId), (l) => l.rows?.length === 25 && l.rows.every((r) => r.status === "COMPLETED"));
    assert.equal(runs.rows?.filter((r) => r.status === "COMPLETED").length, 25);
    assertWindows(runs.rows!.map((r) => r.startedAt), 10, 1_000);
    const listed = await hatchet.ratelimits.list({ search: "api-service-rate-limit" });
    assert.equal(listed.rows?.length, 1);
    assert.equal(listed.rows?.[0]?.limitValue, 10);
    assert.equal(listed.rows?.[0]?.window, "1 SECOND");
  });

  test("dynamic key per user, 10 per minute: the 11th and 12th runs of one user wait; another user's runs do not", async () => {
    const testRunId = randomUUID();
    const [alice, bob] = [`alice-${testRunId}`, `bob-${testRunId}`];
    const options = { additionalMetadata: { test_run_id: testRunId } };
    await task2.runNoWait(Array.from({ length: 12 }, () => ({ userId: alice })), options);
    await task2.runNoWait([{ userId: bob }, { userId: bob }], options);
    const runs = await poll(() => runsFor(testRunId), (l) => (l.rows ?? []).filter((r) => r.status === "COMPLETED").length === 12);
    await sleep(1_000); // five more scheduling sweeps: the waiting runs must still wait
    const after = await runsFor(testRunId);
    const byUser = (user: string, status: string) => (after.rows ?? []).filter((r) => (r.input as { userId: string }).userId === user && r.status === status).length;
    assert.equal(runs.rows?.length, 14);
    assert.equal(byUser(alice, "COMPLETED"), 10);
    assert.equal(byUser(alice, "QUEUED"), 2);
    assert.equal(byUser(bob, "COMPLETED"), 2);
    const limits = await hatchet.ratelimits.list({ search: alice });
    assert.deepEqual(
      limits.rows?.map((r) => ({ key: r.key, limitValue: r.limitValue, value: r.value, window: r.window })),
      [{ key: alice, limitValue: 10, value: 0, window: "1 MINUTE" }],
    );
    await hatchet.runs.cancel({ ids: (after.rows ?? []).filter((r) => r.status === "QUEUED").map((r) => r.metadata.id) });
  });

  test("units from CEL on a one-second dynamic window: cost 2 against a limit of 4 lets two runs start per window", async () => {
    const testRunId = randomUUID();
    const group = `g-${testRunId}`;
    await costly.runNoWait(Array.from({ length: 6 }, () => ({ group, cost: 2 })), { additionalMetadata: { test_run_id: testRunId } });
    const runs = await poll(() => runsFor(testRunId), (l) => l.rows?.length === 6 && l.rows.every((r) => r.status === "COMPLETED"));
    assert.equal(runs.rows?.filter((r) => r.status === "COMPLETED").length, 6);
    assertWindows(runs.rows!.map((r) => r.startedAt), 2, 1_000);
  });
});
