/**
 * Time skipping with the harness: a durable task sleeps 30 days, then waits for a payment event
 * with a 7-day timeout — a collection journey's shape — and completes under the virtual clock
 * without real waiting. No timing assertion: the test's own timeout bounds it.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "../../lib/testing/database";
import { startTimeHarness, type TimeHarness } from "../testing/time-harness";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("embedded engine: time skipping with the virtual clock", { timeout: 60_000 }, () => {
  let database: TestDatabase;
  let harness: TimeHarness;
  let db: pg.Client;

  before(async () => {
    database = await createTestDatabase();
    harness = await startTimeHarness({ databaseUrl: database.url });
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
  });

  after(async () => {
    await db?.end();
    await harness?.stop();
    await database?.drop();
  });

  const declare = (h: TimeHarness) =>
    h.hatchet.durableTask({
      name: "await-payment",
      executionTimeout: "1h",
      fn: async (input: { account: string }, ctx) => {
        await ctx.sleepFor("720h"); // 30 days
        const { Or, SleepCondition, UserEventCondition } = await import("@hatchet-dev/typescript-sdk/v1/conditions");
        const fired = (await ctx.waitFor(
          Or(new SleepCondition("168h", "timeout"), new UserEventCondition("payment:received", "", "payment", undefined, `account:${input.account}`)),
        )) as { CREATE: Record<string, unknown[]> };
        const [key = ""] = Object.keys(fired.CREATE);
        return { outcome: key, data: JSON.parse(JSON.stringify(fired.CREATE[key]?.[0] ?? null)) as Record<string, string | number> };
      },
    });

  /** The task's open waits: what it is sleeping or waiting on right now. */
  async function openWaits(kind: string): Promise<number> {
    const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM hatchet.waits WHERE kind = $1 AND satisfied_at IS NULL", [kind]);
    return rows[0]!.n;
  }
  async function until(check: () => Promise<boolean>): Promise<void> {
    while (!(await check())) await sleep(50);
  }

  test("30 days asleep, then a scoped payment event ends the 7-day wait", async () => {
    const task = declare(harness);
    await harness.startWorker([task]);
    const ref = await task.runNoWait({ account: "A-1" });
    await until(async () => (await openWaits("SLEEP")) === 1);
    await harness.advance("29d");
    await sleep(300);
    assert.equal(await openWaits("EVENT"), 0, "still asleep after 29 days");
    await harness.advance("1d");
    await until(async () => (await openWaits("EVENT")) === 1);
    await harness.hatchet.events.push("payment:received", { cents: 12_500 }, { scope: "account:OTHER" });
    await sleep(300);
    assert.equal(await openWaits("EVENT"), 1, "another account's payment does not end this wait");
    await harness.hatchet.events.push("payment:received", { cents: 12_500 }, { scope: "account:A-1" });
    assert.deepEqual(await ref.output, { outcome: "payment", data: { cents: 12_500 } });
  });

  test("no payment: the 7-day timeout fires once the clock passes it", async () => {
    const task = declare(harness);
    const ref = await task.runNoWait({ account: "A-2" });
    await until(async () => (await openWaits("SLEEP")) === 1);
    await harness.advance("30d");
    await until(async () => (await openWaits("EVENT")) === 1);
    await harness.advance("7d");
    assert.deepEqual(await ref.output, { outcome: "timeout", data: { sleep_duration: "168h" } });
  });
});
