/**
 * The scheduler serves every queue that has room, whatever waits in front of it: tasks queued
 * behind more than a page (500) of work that cannot start — durable tasks waiting for full durable
 * slots (a campaign launch), or tasks waiting on a full concurrency key — still start.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ConcurrencyLimitStrategy } from "@hatchet-dev/typescript-sdk/protoc/v1/workflows";
import { HatchetClient } from "@hatchet-dev/typescript-sdk/v1";
import pg from "pg";
import { startEngineFixture, type EngineFixture } from "./fixture";

const WAITING = 600;

describe("embedded engine: work that cannot start does not block the queue", { timeout: 180_000 }, () => {
  let fixture: EngineFixture;
  let worker: { stop(): Promise<void> };
  let hatchet: HatchetClient;
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  let journey: ReturnType<HatchetClient["durableTask"]>;
  let child: ReturnType<HatchetClient["task"]>;
  let keyed: ReturnType<HatchetClient["task"]>;

  before(async () => {
    fixture = await startEngineFixture();
    hatchet = HatchetClient.init();
    // Holds its durable slot until the test ends (not a durable wait, so never evicted).
    journey = hatchet.durableTask({ name: "queue-heads-journey", executionTimeout: "10m", fn: async () => (await held, { done: true }) });
    child = hatchet.task({ name: "queue-heads-child", fn: () => ({ ran: true }) });
    keyed = hatchet.task({
      name: "queue-heads-keyed",
      executionTimeout: "10m",
      concurrency: { expression: "input.key", maxRuns: 1, limitStrategy: ConcurrencyLimitStrategy.GROUP_ROUND_ROBIN },
      fn: async (input: { key: string; hold?: boolean }) => {
        if (input.hold) await held;
        return { key: input.key };
      },
    });
    const started = await hatchet.worker("queue-heads", { workflows: [journey, child, keyed], slots: 20, durableSlots: 1 });
    void started.start();
    await started.waitUntilReady(10_000);
    worker = started;
  });

  after(async () => {
    release();
    await worker?.stop();
    await fixture?.stop();
  });

  test(`a task on regular slots starts while ${WAITING} durable tasks wait for the one durable slot`, { timeout: 60_000 }, async () => {
    await journey.runNoWait(Array.from({ length: WAITING }, () => ({})));
    const { rows } = await query("SELECT count(*)::int AS n FROM hatchet.tasks WHERE status = 'QUEUED' AND slot_type = 'durable'");
    assert.ok(rows[0]!.n >= WAITING - 1, `${rows[0]!.n} durable tasks queued`);
    assert.deepEqual(await child.run({}), { ran: true });
  });

  test(`a task on a free concurrency key starts while ${WAITING} wait on a full one`, { timeout: 60_000 }, async () => {
    await keyed.runNoWait([{ key: "busy", hold: true }]);
    await keyed.runNoWait(Array.from({ length: WAITING }, () => ({ key: "busy" })));
    assert.deepEqual(await keyed.run({ key: "free" }), { key: "free" });
  });

  async function query(sql: string) {
    const client = new pg.Client({ connectionString: fixture.database.url });
    await client.connect();
    try {
      return await client.query<{ n: number }>(sql);
    } finally {
      await client.end();
    }
  }
});
