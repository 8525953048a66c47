/**
 * Conformance: event filters. The SDK's events example (`lower`, SIMPLE_EVENT) with the checks of
 * Hatchet's events/event.e2e.ts (no filters → runs; filters → only scoped events whose filter
 * expression holds), `hatchet.filters.*` over REST, declared `defaultFilters`, one run per
 * passing filter, and the filter payload reaching the task as `ctx.filterPayload()`.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import type * as Client from "@hatchet-dev/typescript-sdk/v1/examples/hatchet-client";
import type * as Events from "@hatchet-dev/typescript-sdk/v1/examples/events/workflow";
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

interface PushSpec {
  index: number;
  shouldSkip: boolean;
  shouldHaveRuns: boolean;
  key?: string;
  scope?: string;
}

const declareEcho = (hatchet: typeof Client.hatchet) => {
  const wf = hatchet.workflow<{ amount: number }>({
    name: "filter-echo",
    onEvents: ["payments:received"],
    defaultFilters: [
      { expression: "input.amount > 100", scope: "big", payload: { tier: "gold" } },
      { expression: "additional_metadata.source == 'bank' && event_key.endsWith('payments:received')", scope: "big", payload: { tier: "bank" } },
    ],
  });
  wf.task({ name: "echo", fn: (input, ctx) => ({ amount: input.amount, filterPayload: ctx.filterPayload() }) });
  return wf;
};

describe("embedded engine: event filters", { timeout: 120_000 }, () => {
  let fixture: EngineFixture;
  let worker: { stop(): Promise<void> };
  let hatchet: typeof Client.hatchet;
  let events: typeof Events;
  let echo: ReturnType<typeof declareEcho>;
  let lowerId: string;

  before(async () => {
    fixture = await startEngineFixture();
    hatchet = (await import(`${examples}/hatchet-client`)).hatchet;
    events = await import(`${examples}/events/workflow`);
    echo = declareEcho(hatchet);
    const harness = await import(`${examples}/__e2e__/harness`);
    worker = await harness.startWorker({ client: hatchet, name: "conformance-filters", workflows: [events.lower, echo], slots: 10 });
    lowerId = (await hatchet.workflows.get(`${hatchet.config.namespace}${events.lower.name}`)).metadata.id;
  });

  after(async () => {
    await worker?.stop();
    await fixture?.stop();
  });

  const runsOf = (eventId: string) => hatchet.runs.list({ additionalMetadata: { hatchet__event_id: eventId }, onlyTasks: false });

  /** upstream `createBulkPushEvent` + `convertBulkToSingle` */
  const push = (testRunId: string, spec: PushSpec) =>
    hatchet.events.push(
      spec.key ?? events.SIMPLE_EVENT,
      { should_skip: spec.shouldSkip, Message: `This is event ${spec.index}` },
      { scope: spec.scope, additionalMetadata: { should_have_runs: String(spec.shouldHaveRuns), test_run_id: testRunId, index: String(spec.index) } },
    );

  /** upstream `setupEventFilter` */
  async function withFilter(testRunId: string, expression: string | undefined, payload: Record<string, string>, body: () => Promise<void>) {
    const filter = await hatchet.filters.create({
      workflowId: lowerId,
      expression: expression ?? `input.should_skip == false && payload.test_run_id == '${testRunId}'`,
      scope: testRunId,
      payload: { test_run_id: testRunId, ...payload },
    });
    try {
      await body();
    } finally {
      await hatchet.filters.delete(filter.metadata.id);
    }
  }

  async function assertRuns(pushed: { eventId: string; spec: PushSpec }[]) {
    for (const { eventId, spec } of pushed) {
      const runs = spec.shouldHaveRuns ? await poll(() => runsOf(eventId), (l) => l.rows?.[0]?.status === "COMPLETED") : await runsOf(eventId);
      if (spec.shouldHaveRuns) assert.ok((runs.rows?.length ?? 0) > 0, `event ${spec.index} should have runs`);
      else assert.equal(runs.rows?.length, 0, `event ${spec.index} should have no runs`);
    }
  }

  test("without filters an event runs the workflow listening for its key, and an unknown key runs nothing", async () => {
    const testRunId = randomUUID();
    const specs: PushSpec[] = [
      { index: 1, shouldSkip: false, shouldHaveRuns: true },
      { index: 2, shouldSkip: false, shouldHaveRuns: false, key: "thisisafakeeventfoobarbaz" },
    ];
    await assertRuns(await Promise.all(specs.map(async (spec) => ({ eventId: (await push(testRunId, spec)).eventId, spec }))));
  });

  test("with a filter: only events of its scope whose expression holds start runs (upstream's six events)", async () => {
    const testRunId = randomUUID();
    const specs: PushSpec[] = [
      { index: 1, shouldSkip: false, shouldHaveRuns: false },
      { index: 2, shouldSkip: true, shouldHaveRuns: false },
      { index: 3, shouldSkip: false, shouldHaveRuns: true, scope: testRunId },
      { index: 4, shouldSkip: true, shouldHaveRuns: false, scope: testRunId },
      { index: 5, shouldSkip: true, shouldHaveRuns: false, scope: testRunId, key: "thisisafakeeventfoobarbaz" },
      { index: 6, shouldSkip: false, shouldHaveRuns: false, scope: testRunId, key: "thisisafakeeventfoobarbaz" },
      { index: 7, shouldSkip: false, shouldHaveRuns: false, scope: "a-scope-with-no-filter" },
    ];
    await withFilter(testRunId, undefined, {}, async () => {
      await assertRuns(await Promise.all(specs.map(async (spec) => ({ eventId: (await push(testRunId, spec)).eventId, spec }))));
    });
    // The filter is gone: the workflow has none left, so an unscoped event runs it again.
    await assertRuns([{ eventId: (await push(testRunId, specs[0]!)).eventId, spec: { ...specs[0]!, shouldHaveRuns: true } }]);
  });

  test("the filter payload is visible to the expression: not matching → no run, matching → a run", async () => {
    for (const [foobar, shouldHaveRuns] of [["qux", false], ["baz", true]] as const) {
      const testRunId = randomUUID();
      await withFilter(testRunId, "input.should_skip == false && payload.foobar == 'baz'", { foobar }, async () => {
        const spec = { index: 1, shouldSkip: false, shouldHaveRuns, scope: testRunId };
        await assertRuns([{ eventId: (await push(testRunId, spec)).eventId, spec }]);
      });
    }
  });

  test("declared defaultFilters: one run per passing filter, each with its payload as ctx.filterPayload()", async () => {
    const listed = await hatchet.filters.list({ workflowIds: [(await hatchet.workflows.get(`${hatchet.config.namespace}filter-echo`)).metadata.id] });
    assert.equal(listed.rows?.length, 2);
    assert.ok(listed.rows?.every((f) => f.isDeclarative && f.scope === "big"));

    const both = await hatchet.events.push("payments:received", { amount: 500 }, { scope: "big", additionalMetadata: { source: "bank" } });
    const runs = await poll(() => runsOf(both.eventId), (l) => l.rows?.length === 2 && l.rows.every((r) => r.status === "COMPLETED"));
    const payloads = (runs.rows ?? []).map((r) => (r.output as { echo: { filterPayload: { tier: string } } }).echo.filterPayload.tier).sort();
    assert.deepEqual(payloads, ["bank", "gold"]);

    const one = await hatchet.events.push("payments:received", { amount: 500 }, { scope: "big" });
    const single = await poll(() => runsOf(one.eventId), (l) => l.rows?.[0]?.status === "COMPLETED");
    assert.equal(single.rows?.length, 1);
    assert.deepEqual((single.rows?.[0]?.output as { echo: unknown }).echo, { amount: 500, filterPayload: { tier: "gold" } });

    const small = await hatchet.events.push("payments:received", { amount: 5 }, { scope: "big" });
    const unscoped = await hatchet.events.push("payments:received", { amount: 500 });
    await sleep(300);
    assert.equal((await runsOf(small.eventId)).rows?.length, 0);
    assert.equal((await runsOf(unscoped.eventId)).rows?.length, 0);

    // Registering the same definition again keeps the declared filters as they were.
    const harness = await import(`${examples}/__e2e__/harness`);
    const again = await harness.startWorker({ client: hatchet, name: "conformance-filters-2", workflows: [echo], slots: 1 });
    await again.stop();
    const after = await hatchet.filters.list({ scopes: ["big"] });
    assert.deepEqual((after.rows ?? []).map((f) => f.metadata.id).sort(), (listed.rows ?? []).map((f) => f.metadata.id).sort());
  });

  test("filters REST: create, get, list by scope and workflow, update, delete; bad input is refused", async () => {
    const scope = randomUUID();
    const created = await hatchet.filters.create({ workflowId: lowerId, expression: "input.n > 1", scope, payload: { a: 1 } });
    assert.equal(created.workflowId, lowerId);
    assert.equal(created.isDeclarative, false);
    assert.deepEqual(created.payload, { a: 1 });
    assert.equal((await hatchet.filters.get(created.metadata.id)).expression, "input.n > 1");
    assert.deepEqual((await hatchet.filters.list({ scopes: [scope] })).rows?.map((f) => f.metadata.id), [created.metadata.id]);
    assert.ok((await hatchet.filters.list({ workflowIds: [lowerId] })).rows?.some((f) => f.metadata.id === created.metadata.id));

    const updated = await hatchet.filters.update(created.metadata.id, { expression: "input.n > 2" });
    assert.equal(updated.expression, "input.n > 2");
    assert.equal(updated.scope, scope, "fields not sent are kept");
    assert.deepEqual(updated.payload, { a: 1 });

    const deleted = await hatchet.filters.delete(created.metadata.id);
    assert.equal(deleted.metadata.id, created.metadata.id);
    assert.equal((await hatchet.filters.list({ scopes: [scope] })).rows?.length, 0);
    await assert.rejects(hatchet.filters.get(created.metadata.id), (error: { response?: { status: number } }) => error.response?.status === 404);

    await assert.rejects(hatchet.filters.create({ workflowId: lowerId, expression: "input.n >", scope }), (error: { response?: { status: number } }) => error.response?.status === 400);
    await assert.rejects(hatchet.filters.create({ workflowId: randomUUID(), expression: "true", scope }), (error: { response?: { status: number } }) => error.response?.status === 404);
    assert.equal((await hatchet.filters.list({ scopes: [scope] })).rows?.length, 0, "nothing written");
  });
});
