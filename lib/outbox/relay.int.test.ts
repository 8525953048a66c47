import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { EVENT } from "../contracts/names";
import { createDb, transaction, type Db } from "../db";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { appendOutboxEvent } from "./append";
import { outboxBacklog } from "./backlog";
import { relayOutboxBatch, type OutboxMessage, type Publish } from "./relay";
import { runOutboxRelay } from "./run-relay";

describe("outbox relay", () => {
  let database: TestDatabase;
  let db: Db;
  before(async () => {
    database = await createTestDatabase({ migrate: true });
    db = createDb(database.url);
  });
  after(async () => {
    await db.$disconnect();
    await database.drop();
  });
  beforeEach(async () => {
    await db.outboxEvent.deleteMany();
  });

  /** `perAggregate` events for each of `aggregates` aggregates, interleaved, one transaction each. */
  async function appendEvents(aggregates: number, perAggregate: number): Promise<void> {
    for (let n = 0; n < perAggregate; n++) {
      for (let a = 0; a < aggregates; a++) {
        await transaction(db, "test-append", (tx) =>
          appendOutboxEvent(tx, { aggregateType: "call_attempt", aggregateId: `agg-${a}`, eventKey: EVENT.callEnded, scope: `attempt:agg-${a}`, payload: { a, n }, idempotencyKey: `ev-${a}-${n}` }),
        );
      }
    }
  }

  function assertOncePerRowInOrder(published: OutboxMessage[], expected: number): void {
    assert.equal(published.length, expected);
    assert.equal(new Set(published.map((m) => m.id)).size, expected, "each row published once");
    const byAggregate = new Map<string, number[]>();
    for (const m of published) byAggregate.set(m.aggregateId, [...(byAggregate.get(m.aggregateId) ?? []), (m.payload as { n: number }).n]);
    for (const [aggregate, sequence] of byAggregate) assert.deepEqual(sequence, [...sequence].sort((x, y) => x - y), `in order for ${aggregate}`);
  }

  test("publishes every row once, in id order per aggregate, and marks it published", async () => {
    await appendEvents(3, 4);
    assert.equal((await outboxBacklog(db)).count, 12);
    const published: OutboxMessage[] = [];
    const publish: Publish = async (m) => void published.push(m);
    let rounds = 0;
    while ((await relayOutboxBatch(db, publish, { batchSize: 10 })).claimed > 0) rounds += 1;
    assertOncePerRowInOrder(published, 12);
    assert.equal(rounds, 4, "one head per aggregate per round");
    assert.deepEqual(published[0], { ...published[0], eventKey: "call:ended", scope: "attempt:agg-0", payload: { a: 0, n: 0 }, idempotencyKey: "ev-0-0", attempt: 1 });
    assert.equal(await db.outboxEvent.count({ where: { publishedAt: null } }), 0);
    assert.deepEqual(await outboxBacklog(db), { count: 0, oldestAgeMs: 0, retrying: 0 });
    assert.equal((await relayOutboxBatch(db, publish)).claimed, 0, "nothing is published twice");
  });

  test("a failing publish is retried with backoff, records lastError, and holds back its aggregate", async () => {
    await appendEvents(2, 2);
    let clock = new Date("2026-09-15T12:00:00Z");
    const now = () => clock;
    const published: OutboxMessage[] = [];
    let failures = 2;
    const publish: Publish = async (m) => {
      if (m.aggregateId === "agg-0" && failures > 0) {
        failures -= 1;
        throw new Error("engine unavailable");
      }
      published.push(m);
    };
    const options = { now, backoffBaseMs: 1_000, backoffMaxMs: 60_000 };
    assert.deepEqual(await relayOutboxBatch(db, publish, options), { claimed: 2, published: 1, failed: 1 });
    const failing = await db.outboxEvent.findUniqueOrThrow({ where: { idempotencyKey: "ev-0-0" } });
    assert.equal(failing.lastError, "Error: engine unavailable");
    assert.equal(failing.attempts, 1);
    assert.equal(failing.nextAttemptAt?.toISOString(), "2026-09-15T12:00:01.000Z");
    assert.equal((await outboxBacklog(db, clock)).retrying, 1);

    // Still in backoff: agg-0's first event is not retried, and its second may not overtake it.
    assert.deepEqual(await relayOutboxBatch(db, publish, options), { claimed: 1, published: 1, failed: 0 });
    assert.deepEqual(published.map((m) => m.idempotencyKey), ["ev-1-0", "ev-1-1"]);

    clock = new Date(clock.getTime() + 1_000);
    assert.deepEqual(await relayOutboxBatch(db, publish, options), { claimed: 1, published: 0, failed: 1 });
    assert.equal((await db.outboxEvent.findUniqueOrThrow({ where: { idempotencyKey: "ev-0-0" } })).nextAttemptAt?.toISOString(), "2026-09-15T12:00:03.000Z", "doubled");
    clock = new Date(clock.getTime() + 2_000);
    while ((await relayOutboxBatch(db, publish, options)).claimed > 0);
    assert.deepEqual(published.map((m) => m.idempotencyKey), ["ev-1-0", "ev-1-1", "ev-0-0", "ev-0-1"]);
    const done = await db.outboxEvent.findUniqueOrThrow({ where: { idempotencyKey: "ev-0-0" } });
    assert.equal(done.attempts, 3);
    assert.ok(done.publishedAt);
  });

  test("a relay that crashed mid-publish loses its lease: another relay publishes the row", async () => {
    await appendEvents(1, 2);
    let clock = new Date("2026-09-15T12:00:00Z");
    const crashed = relayOutboxBatch(db, () => new Promise<void>(() => {}), { now: () => clock, leaseMs: 30_000, batchSize: 1 });
    void crashed; // never settles, as if the process had died holding the claim
    await new Promise((resolve) => setTimeout(resolve, 200));
    const published: OutboxMessage[] = [];
    const publish: Publish = async (m) => void published.push(m);
    assert.equal((await relayOutboxBatch(db, publish, { now: () => clock })).claimed, 0, "leased");
    clock = new Date(clock.getTime() + 30_000);
    while ((await relayOutboxBatch(db, publish, { now: () => clock })).claimed > 0);
    assert.deepEqual(published.map((m) => [m.idempotencyKey, m.attempt]), [["ev-0-0", 2], ["ev-0-1", 1]]);
  });

  test("two relays running at once publish each row once, in order per aggregate", async () => {
    await appendEvents(20, 10);
    const second = createDb(database.url);
    const published: OutboxMessage[] = [];
    // An async publish that yields, so the two relays really interleave.
    const publish: Publish = async (m) => {
      await new Promise((resolve) => setImmediate(resolve));
      published.push(m);
    };
    const controller = new AbortController();
    const byRelay = [0, 0];
    const relays = [db, second].map((client, i) =>
      runOutboxRelay(client, async (m) => {
        byRelay[i] = (byRelay[i] ?? 0) + 1;
        await publish(m);
      }, { signal: controller.signal, batchSize: 7, idleMs: 20 }),
    );
    while ((await outboxBacklog(db)).count > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await Promise.all(relays);
    await second.$disconnect();
    assertOncePerRowInOrder(published, 200);
    assert.ok(byRelay.every((n) => n > 0), `both relays worked: ${byRelay.join(" + ")}`);
  });

  test("the backlog reports count and the oldest unpublished event's age", async () => {
    await appendEvents(2, 1);
    const oldest = await db.outboxEvent.findFirstOrThrow({ orderBy: { id: "asc" } });
    const backlog = await outboxBacklog(db, new Date(oldest.createdAt.getTime() + 5_000));
    assert.deepEqual(backlog, { count: 2, oldestAgeMs: 5_000, retrying: 0 });
  });
});
