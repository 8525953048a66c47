/**
 * `tsx bench/compliance.ts`: the pre-dial gate (pure), the dial-time transaction and the outbox
 * relay (on a throw-away embedded PostgreSQL). Prints a table; nothing is asserted.
 */
import { performance } from "node:perf_hooks";
import { EVENT } from "../lib/contracts/names";
import { evaluateDialGate } from "../lib/compliance/gate";
import { reserveDialAttempt } from "../lib/compliance/reserve-dial";
import { DEFAULT_POLICY } from "../lib/compliance/types";
import { createDb, transaction } from "../lib/db";
import { appendOutboxEvent } from "../lib/outbox/append";
import { outboxBacklog } from "../lib/outbox/backlog";
import { runOutboxRelay } from "../lib/outbox/run-relay";
import { createTestDatabase, startTestCluster, TEST_CLUSTER_ENV } from "../lib/testing/database";
import { createDialableDebtor } from "../lib/testing/factories";
import { call, conversation, gateInput, person } from "../lib/testing/gate-input";

const rows: [string, string][] = [];
const record = (what: string, value: string) => {
  rows.push([what, value]);
  console.log(`${what.padEnd(58)} ${value}`);
};
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? 0;

// ---- the gate, pure
{
  const history = Array.from({ length: 20 }, (_, i) => call(new Date(Date.parse("2026-09-15T16:00:00Z") - (i + 1) * 37 * 3_600_000), { debtIds: [i % 3 ? "debt-1" : "debt-2"] }));
  const twoZones = person({ timeZoneCandidates: ["America/New_York", "America/Los_Angeles"], candidateStates: ["NY"] });
  const allow = gateInput({ now: "2026-09-15T19:00:00Z", person: twoZones, history: history.slice(0, 5) });
  const deny = gateInput({ now: "2026-09-15T19:00:00Z", person: person({ ...twoZones, candidateStates: ["MA"] }), history: [conversation("2026-09-14T18:00:00Z"), ...history] });
  for (const [label, input] of [["allow, 5 calls on file, 2 zones", allow], ["deny + next-allowed search, 21 calls, 2 zones, MA", deny]] as const) {
    const n = 5_000;
    const started = performance.now();
    for (let i = 0; i < n; i++) evaluateDialGate(input);
    const ms = performance.now() - started;
    record(`gate: ${label}`, `${Math.round(n / (ms / 1000))} evaluations/s (${((ms * 1000) / n).toFixed(0)} µs each)`);
  }
}

// Our own cluster, stopped at the end (a lone createTestDatabase would keep the process alive).
const cluster = await startTestCluster();
process.env[TEST_CLUSTER_ENV] = cluster.url;
const database = await createTestDatabase({ migrate: true });
const db = createDb(database.url, { max: 10 });
try {
  // ---- the dial-time transaction
  {
    const people: Awaited<ReturnType<typeof createDialableDebtor>>[] = [];
    for (let i = 0; i < 400; i++) people.push(await createDialableDebtor(db));
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < people.length) {
        const { debtor, phone, account } = people[next++]!;
        const t = performance.now();
        await reserveDialAttempt(db, { idempotencyKey: `bench-${debtor.id}`, debtorId: debtor.id, phoneId: phone.id, accountIds: [account.id] }, { now: new Date("2026-09-15T16:00:00Z") });
        latencies.push(performance.now() - t);
      }
    }));
    const seconds = (performance.now() - started) / 1000;
    record("reserveDialAttempt: 400 people, 8 at a time", `${Math.round(people.length / seconds)} dials/s, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`);

    const { debtor, phone, account } = await createDialableDebtor(db);
    const t = performance.now();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => reserveDialAttempt(db, { idempotencyKey: `bench-hot-${i}`, debtorId: debtor.id, phoneId: phone.id, accountIds: [account.id] }, { now: new Date("2026-09-15T16:00:00Z"), policy: { ...DEFAULT_POLICY, minGapMinutes: 0, maxAttemptsPerDebtPerDay: 100 } })));
    // One fits: the first call's outcome is pending, and it may be a conversation.
    record("reserveDialAttempt: 50 at once on one debt", `${(performance.now() - t).toFixed(0)} ms for all, ${results.filter((r) => r.status === "reserved").length} reserved`);
  }

  // ---- the outbox relay
  for (const relays of [1, 2]) {
    await db.outboxEvent.deleteMany();
    const total = 5_000;
    for (let i = 0; i < total; i += 500) {
      await transaction(db, "bench-append", async (tx) => {
        for (let j = i; j < i + 500; j++) await appendOutboxEvent(tx, { aggregateType: "bench", aggregateId: `agg-${j % 500}`, eventKey: EVENT.callEnded, payload: { j }, idempotencyKey: `bench-${relays}-${j}` });
      });
    }
    const clients = relays === 1 ? [db] : [db, createDb(database.url, { max: 4 })];
    const controller = new AbortController();
    const started = performance.now();
    const running = clients.map((client) => runOutboxRelay(client, async () => {}, { signal: controller.signal, batchSize: 200, idleMs: 5 }));
    while ((await outboxBacklog(db)).count > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    await Promise.all(running);
    const seconds = (performance.now() - started) / 1000;
    record(`outbox relay: ${total} events / 500 aggregates, ${relays} relay(s)`, `${Math.round(total / seconds)} events/s`);
    if (relays === 2) await clients[1]?.$disconnect();
  }
} finally {
  await db.$disconnect();
  await database.drop();
  await cluster.stop();
}
