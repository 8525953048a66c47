/**
 * The collection journey end to end on one machine: the embedded engine on a virtual clock (time
 * harness), real PostgreSQL, the real livekit-server-sdk against sim/livekit (webhooks and
 * transcripts posted back over HTTP), the offline summarizer, and the outbox relay publishing
 * state changes as Hatchet events. Each persona's journey must end (or wait) in the right state
 * with the right records.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTimeHarness, type TimeHarness } from "../engine/testing/time-harness";
import { EVENT, SCOPE } from "../lib/contracts/names";
import { createDb, transaction, type Db } from "../lib/db";
import { appendOutboxEvent } from "../lib/outbox/append";
import { hatchetPublisher } from "../lib/outbox/hatchet-publisher";
import { runOutboxRelay } from "../lib/outbox/run-relay";
import { createTestDatabase, type TestDatabase } from "../lib/testing/database";
import { createDialableDebtor } from "../lib/testing/factories";
import { startSimulatedWorld, type SimulatedWorld } from "../lib/testing/simulated-world";
import type { LiveKitSim } from "../sim/livekit/server";
import type { Persona } from "../sim/livekit/personas";
import type { collectionJourney as CollectionJourney } from "./collection-journey";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("collection journey on the embedded engine, sim/livekit and the offline summarizer", { timeout: 240_000 }, () => {
  let database: TestDatabase;
  let db: Db;
  let harness: TimeHarness;
  let world: SimulatedWorld;
  let sim: LiveKitSim;
  const relay = new AbortController();
  let journey: typeof CollectionJourney;

  before(async () => {
    database = await createTestDatabase({ migrate: true });
    db = createDb(database.url);
    // A Tuesday, 15:00 in New York: inside the calling window.
    harness = await startTimeHarness({ databaseUrl: database.url, start: new Date("2026-12-01T20:00:00Z") });
    world = await startSimulatedWorld({ db, seed: 11, speed: 1_000, now: () => harness.clock.now() });
    sim = world.sim;
    const { setWorkflowDeps } = await import("./deps");
    setWorkflowDeps(world.deps);
    const { allWorkflows } = await import("./index");
    journey = (await import("./collection-journey")).collectionJourney;
    await harness.startWorker(allWorkflows, { name: "journey-test", slots: 50 });
    void runOutboxRelay(db, hatchetPublisher(harness.hatchet), { signal: relay.signal, idleMs: 50 });
  });

  after(async () => {
    relay.abort();
    await harness?.stop();
    await world?.stop();
    await db?.$disconnect();
    await database?.drop();
  });

  async function enroll(persona: Persona, strategy: { maxAttempts?: number; retryDelayHours?: number } = {}) {
    const { debtor, phone, account } = await createDialableDebtor(db);
    sim.setPersona(phone.number, persona);
    const campaign = await db.campaign.create({ data: { name: `journey ${persona}`, status: "RUNNING", strategy, segment: {} } });
    const enrollment = await db.enrollment.create({ data: { campaignId: campaign.id, accountId: account.id } });
    const ref = await journey.runNoWait({ enrollmentId: enrollment.id, accountId: account.id, campaignId: campaign.id });
    return { debtor, phone, account, campaign, enrollment, ref };
  }

  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
    for (let i = 0; i < 600; i++) {
      const value = await read();
      if (done(value)) return value;
      await sleep(100);
    }
    const state = { enrollments: await db.enrollment.findMany({ select: { journeyStatus: true, closedReason: true, nextActionAt: true } }), decisions: await db.complianceDecision.findMany({ select: { decision: true, reasons: true, nextAllowedAt: true, evaluatedAt: true } }), attempts: await db.callAttempt.findMany({ select: { outcome: true, placedAt: true, endedAt: true } }) };
    throw new Error(`timed out waiting for ${what}: ${JSON.stringify(state)}`);
  }

  const statusOf = (enrollmentId: string) => db.enrollment.findUniqueOrThrow({ where: { id: enrollmentId } });

  /** The journey's durable task is asleep (its wait is written): only then may time move. */
  const sleepingWaits = async (ref: { getWorkflowRunId(): Promise<string> }) => {
    const runId = await ref.getWorkflowRunId();
    const rows = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM hatchet.waits w JOIN hatchet.tasks t ON t.id = w.task_id
      WHERE t.run_id = ${runId}::uuid AND w.kind = 'SLEEP' AND w.satisfied_at IS NULL`;
    return rows[0]?.n ?? 0;
  };

  test("a dispute on the call stops collection: DISPUTED, the debt paused, one dial", async () => {
    const { enrollment, account, phone, ref } = await enroll("disputes");
    const result = await ref.output;
    assert.equal(result.status, "DISPUTED");
    assert.equal((await statusOf(enrollment.id)).journeyStatus, "DISPUTED");
    assert.ok((await db.account.findUniqueOrThrow({ where: { id: account.id } })).disputePendingAt, "the debt is paused");
    const attempts = await db.callAttempt.findMany({ where: { enrollmentId: enrollment.id }, include: { summary: true, transcript: true } });
    assert.equal(attempts.length, 1);
    assert.equal(attempts[0]!.outcome, "DISPUTE");
    assert.equal(attempts[0]!.summary?.source, "OFFLINE_RULES");
    assert.ok(attempts[0]!.transcript);
    assert.equal(sim.dialCount(phone.number), 1);
  });

  test("a promise to pay waits for the payment; an early payment ends the journey PAID", async () => {
    const { enrollment, account, ref } = await enroll("promise_to_pay");
    await until(() => statusOf(enrollment.id), (e) => e.journeyStatus === "PROMISE_PENDING", "the promise wait");
    const promise = await db.promiseToPay.findFirstOrThrow({ where: { accountId: account.id } });
    assert.equal(promise.status, "PENDING");
    // The CRM reports the payment before the due date: balance to zero, event through the outbox.
    await transaction(db, "test-payment", async (tx) => {
      await tx.payment.create({ data: { accountId: account.id, provider: "test", providerPaymentId: `p-${account.id}`, amountCents: account.balanceCents, receivedAt: harness.clock.now() } });
      await tx.account.update({ where: { id: account.id }, data: { balanceCents: 0, status: "PAID" } });
      await appendOutboxEvent(tx, {
        aggregateType: "account",
        aggregateId: account.id,
        eventKey: EVENT.paymentReceived,
        scope: SCOPE.account(account.id),
        payload: { accountId: account.id, amountCents: account.balanceCents },
        idempotencyKey: `payment:${account.id}`,
      });
    });
    const result = await ref.output;
    assert.equal(result.status, "PAID");
    assert.equal((await statusOf(enrollment.id)).journeyStatus, "PAID");
  });

  test("no answer: retried on the campaign's cadence as the clock moves, then handed to a human after the last attempt", async () => {
    const { enrollment, phone, ref } = await enroll("no_answer", { maxAttempts: 2, retryDelayHours: 24 });
    await until(() => db.callAttempt.count({ where: { enrollmentId: enrollment.id } }), (n) => n === 1, "the first dial");
    await until(() => statusOf(enrollment.id), (e) => e.journeyStatus === "WAITING_RETRY", "the cadence wait");
    await until(() => sleepingWaits(ref), (n) => n === 1, "the journey's sleep");
    assert.equal(sim.dialCount(phone.number), 1, "no second dial before the cadence allows it");
    await harness.advance("24h");
    await until(() => db.callAttempt.count({ where: { enrollmentId: enrollment.id } }), (n) => n === 2, "the second dial");
    // The last allowed attempt made, the journey hands the account over without waiting again.
    const result = await ref.output;
    assert.equal(result.status, "EXHAUSTED");
    const attempts = await db.callAttempt.findMany({ where: { enrollmentId: enrollment.id }, orderBy: { placedAt: "asc" } });
    assert.deepEqual(attempts.map((a) => a.outcome), ["NO_ANSWER", "NO_ANSWER"]);
    assert.equal(sim.dialCount(phone.number), 2);
    const decisions = await db.complianceDecision.count({ where: { enrollmentId: enrollment.id, decision: "ALLOW" } });
    assert.equal(decisions, 2, "every dial passed the gate, recorded with its attempt");
  });
});
