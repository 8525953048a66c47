/**
 * A wait registered while an event that satisfies it is being pushed: under READ COMMITTED each
 * transaction's reads miss the other's uncommitted row, so without ordering the event was lost
 * both ways (no match at the push, nothing found by the wait's lookback). The locks that order them
 * must not order waits among themselves: a campaign's journeys all wait on one scoped event.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "../../lib/testing/database";
import { migrateEngineSchema } from "../store/migrate";
import { applyLookback, insertWaits, matchEvents } from "./waits";

let database: TestDatabase;
let pool: pg.Pool;
const tenantId = randomUUID();

before(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 4 });
  await migrateEngineSchema(pool);
});

after(async () => {
  await pool?.end();
  await database?.drop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("an event pushed while a wait on it is being registered satisfies the wait", async () => {
  const owner = { taskId: randomUUID(), branchId: 0, nodeId: 1 };
  const since = new Date(Date.now() - 60_000);
  const waiting = await pool.connect();
  const pushing = await pool.connect();
  try {
    await waiting.query("BEGIN");
    await insertWaits(waiting, tenantId, owner, [{ kind: "EVENT", action: "CREATE", orGroupId: "g", readableDataKey: "ended", expression: "", eventKey: "call:ended", scope: "attempt:1", since }], new Date());

    // The push starts while the wait is uncommitted: it stores its event and looks for waits.
    await pushing.query("BEGIN");
    await pushing.query("INSERT INTO hatchet.events (id, tenant_id, key, payload, scope, created_at) VALUES ($1, $2, 'call:ended', '{}', 'attempt:1', now())", [randomUUID(), tenantId]);
    const pushed = matchEvents(pushing, tenantId, [{ key: "call:ended", scope: "attempt:1", payload: {}, metadata: {} }]);
    // Give the push every chance to run its match before the wait commits (it must not).
    await sleep(300);
    const lookedBack = await applyLookback(waiting, tenantId, owner);
    assert.deepEqual(lookedBack, [], "the uncommitted event is not visible to the wait's lookback");
    await waiting.query("COMMIT");

    const fired = await pushed;
    await pushing.query("COMMIT");
    assert.deepEqual(fired.map((f) => f.taskId), [owner.taskId], "the push saw the wait once it committed");
  } finally {
    waiting.release();
    pushing.release();
  }
});

test("events of one key are not serialized against each other", { timeout: 10_000 }, async () => {
  const first = await pool.connect();
  const second = await pool.connect();
  try {
    await first.query("BEGIN");
    await second.query("BEGIN");
    // Both hold their shared locks at once: neither call blocks on the other.
    await matchEvents(first, tenantId, [{ key: "payment:received", scope: "account:1", payload: {}, metadata: {} }]);
    await matchEvents(second, tenantId, [{ key: "payment:received", scope: "account:2", payload: {}, metadata: {} }]);
    await first.query("COMMIT");
    await second.query("COMMIT");
  } finally {
    first.release();
    second.release();
  }
});

test("waits on one key and scope are not serialized against each other", { timeout: 10_000 }, async () => {
  const since = new Date(Date.now() - 60_000);
  const first = await pool.connect();
  const second = await pool.connect();
  const cancelled = { kind: "EVENT" as const, action: "CREATE", orGroupId: "g", readableDataKey: "cancelled", expression: "", eventKey: "campaign:cancelled", scope: "campaign:1", since };
  try {
    await first.query("BEGIN");
    await second.query("BEGIN");
    // Every journey of a campaign waits on its `campaign:cancelled`: both register at once.
    await insertWaits(first, tenantId, { taskId: randomUUID(), branchId: 0, nodeId: 1 }, [cancelled], new Date());
    await insertWaits(second, tenantId, { taskId: randomUUID(), branchId: 0, nodeId: 1 }, [cancelled], new Date());
    await first.query("COMMIT");
    await second.query("COMMIT");
  } finally {
    first.release();
    second.release();
  }
});

test("a wait without scope registered while a scoped event of its key is being pushed finds the event", async () => {
  const owner = { taskId: randomUUID(), branchId: 0, nodeId: 1 };
  const since = new Date(Date.now() - 60_000);
  const pushing = await pool.connect();
  const waiting = await pool.connect();
  try {
    await pushing.query("BEGIN");
    await pushing.query("INSERT INTO hatchet.events (id, tenant_id, key, payload, scope, created_at) VALUES ($1, $2, 'order:shipped', '{}', 'order:7', now())", [randomUUID(), tenantId]);
    assert.deepEqual(await matchEvents(pushing, tenantId, [{ key: "order:shipped", scope: "order:7", payload: {}, metadata: {} }]), []);

    // The wait starts while the push is uncommitted: it must wait for it, then look back.
    await waiting.query("BEGIN");
    let registered = false;
    const found = insertWaits(waiting, tenantId, owner, [{ kind: "EVENT", action: "CREATE", orGroupId: "g", readableDataKey: "shipped", expression: "", eventKey: "order:shipped", scope: null, since }], new Date()).then(() => {
      registered = true;
      return applyLookback(waiting, tenantId, owner);
    });
    await sleep(300);
    assert.equal(registered, false, "the unscoped wait waits for the push of its key");
    await pushing.query("COMMIT");
    assert.deepEqual((await found).map((f) => f.taskId), [owner.taskId], "the lookback saw the committed event");
    await waiting.query("COMMIT");
  } finally {
    pushing.release();
    waiting.release();
  }
});
