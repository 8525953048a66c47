/**
 * The collection journey end to end on one machine: the embedded engine on a virtual clock (time
 * harness), real PostgreSQL, the real livekit-server-sdk against sim/livekit (webhooks and
 * transcripts posted back over HTTP), the offline summarizer, and the outbox relay publishing
 * state changes as Hatchet events (workflows/testing/journey-harness.ts). Payments, disputes and
 * campaign changes arrive the product's way: signed webhooks and lib/ actions writing the outbox.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { SYSTEM_ACTOR } from "../lib/audit/actor";
import { recordCallOutcome } from "../lib/calls/record-outcome";
import { cancelCampaign } from "../lib/campaigns/cancel-campaign";
import { pauseCampaign } from "../lib/campaigns/pause-campaign";
import { resumeCampaign } from "../lib/campaigns/resume-campaign";
import { EVENT } from "../lib/contracts/names";
import { receivePaymentWebhook } from "../lib/payments/receive-payment-webhook";
import { createDialableDebtor } from "../lib/testing/factories";
import { signPayload } from "../lib/webhooks/sign-webhook";
import { startJourneyHarness, type JourneyHarness } from "./testing/journey-harness";

const PAYMENT_SECRET = "journey-payment-webhook-secret";

describe("collection journey on the embedded engine, sim/livekit and the offline summarizer", { timeout: 300_000 }, () => {
  let h: JourneyHarness;

  before(async () => {
    h = await startJourneyHarness();
  });
  after(async () => {
    await h?.stop();
  });

  const statusOf = (enrollmentId: string) => h.db.enrollment.findUniqueOrThrow({ where: { id: enrollmentId } });

  /** The payment provider's signed webhook for the whole balance, as POST /api/webhooks/payments receives it. */
  function paymentWebhook(accountId: string, amountCents: number, providerPaymentId: string) {
    const body = JSON.stringify({ id: `evt_${providerPaymentId}`, type: "payment.succeeded", data: { provider: "stripe", providerPaymentId, accountId, amountCents, receivedAt: h.harness.clock.now().toISOString() } });
    const signature = signPayload(PAYMENT_SECRET, body, Math.floor(Date.now() / 1000));
    return () => receivePaymentWebhook(h.db, body, signature, PAYMENT_SECRET);
  }

  test("a dispute on the call stops collection: DISPUTED, the debt paused, one dial", async () => {
    const { enrollmentId, account, phone, ref } = await h.enroll("disputes");
    const result = await ref.output;
    assert.equal(result.status, "DISPUTED");
    assert.equal((await statusOf(enrollmentId)).journeyStatus, "DISPUTED");
    assert.ok((await h.db.account.findUniqueOrThrow({ where: { id: account.id } })).disputePendingAt, "the debt is paused");
    const attempts = await h.db.callAttempt.findMany({ where: { enrollmentId }, include: { summary: true, transcript: true } });
    assert.equal(attempts.length, 1);
    assert.equal(attempts[0]!.outcome, "DISPUTE");
    assert.equal(attempts[0]!.summary?.source, "OFFLINE_RULES");
    assert.ok(attempts[0]!.transcript);
    assert.equal(h.sim.dialCount(phone.number), 1);
  });

  test("a promise to pay waits for the payment; a payment before the due date ends the journey PAID", async () => {
    const { enrollmentId, account, ref } = await h.enroll("promise_to_pay");
    await h.until(() => statusOf(enrollmentId), (e) => e.journeyStatus === "PROMISE_PENDING", "the promise wait");
    const promise = await h.db.promiseToPay.findFirstOrThrow({ where: { accountId: account.id } });
    assert.equal(promise.status, "PENDING");
    await paymentWebhook(account.id, account.balanceCents, `pi_promise_${account.id}`)();
    const result = await ref.output;
    assert.equal(result.status, "PAID");
    assert.equal((await statusOf(enrollmentId)).journeyStatus, "PAID");
    assert.equal((await h.db.promiseToPay.findUniqueOrThrow({ where: { id: promise.id } })).status, "KEPT");
  });

  test("no answer: retried on the campaign's cadence as the clock moves, then handed to a human after the last attempt", async () => {
    const { enrollmentId, phone, ref } = await h.enroll("no_answer", { strategy: { maxAttempts: 2, retryDelayHours: 24 } });
    await h.until(() => h.db.callAttempt.count({ where: { enrollmentId } }), (n) => n === 1, "the first dial");
    await h.until(() => statusOf(enrollmentId), (e) => e.journeyStatus === "WAITING_RETRY", "the cadence wait");
    await h.until(() => h.sleeping(ref), Boolean, "the journey's sleep");
    assert.equal(h.sim.dialCount(phone.number), 1, "no second dial before the cadence allows it");
    await h.harness.advance("24h");
    await h.until(() => h.db.callAttempt.count({ where: { enrollmentId } }), (n) => n === 2, "the second dial");
    // The last allowed attempt made, the journey hands the account over without waiting again.
    const result = await ref.output;
    assert.equal(result.status, "EXHAUSTED");
    const attempts = await h.db.callAttempt.findMany({ where: { enrollmentId }, orderBy: { placedAt: "asc" } });
    assert.deepEqual(attempts.map((a) => a.outcome), ["NO_ANSWER", "NO_ANSWER"]);
    assert.equal(h.sim.dialCount(phone.number), 2);
    const decisions = await h.db.complianceDecision.count({ where: { enrollmentId, decision: "ALLOW" } });
    assert.equal(decisions, 2, "every dial passed the gate, recorded with its attempt");
  });

  test("an early payment, published before the journey's wait begins, still releases it (lookback from the plan's decision)", async () => {
    // A paused campaign: the plan step decides to wait. Holding the enrollment's row lock stops
    // the step after it has read the account and fixed its decision time, before it returns.
    const campaign = await h.db.campaign.create({ data: { name: "early payment", status: "PAUSED", strategy: {}, segment: {} } });
    const lock = new pg.Client({ connectionString: h.databaseUrl });
    await lock.connect();
    try {
      const { debtor, phone, account } = await createDialableDebtor(h.db);
      h.sim.setPersona(phone.number, "pays_now");
      const enrollment = await h.db.enrollment.create({ data: { campaignId: campaign.id, accountId: account.id } });
      await lock.query("BEGIN");
      await lock.query("SELECT id FROM enrollments WHERE id = $1 FOR UPDATE", [enrollment.id]);
      const { collectionJourney } = await import("./collection-journey");
      const ref = await collectionJourney.runNoWait({ enrollmentId: enrollment.id, accountId: account.id, campaignId: campaign.id });
      await h.until(async () => (await lock.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")).rows[0]!.n, (n) => n > 0, "the plan step blocked on the lock");

      await paymentWebhook(account.id, account.balanceCents, `pi_early_${account.id}`)();
      await h.until(() => h.db.outboxEvent.count({ where: { eventKey: EVENT.paymentReceived, aggregateId: account.id, publishedAt: { not: null } } }), (n) => n === 1, "the payment event published");
      await lock.query("COMMIT");

      // Without lookback the journey would sleep the pause's 6 hours; the clock never moves here.
      const result = await ref.output;
      assert.equal(result.status, "PAID");
      assert.equal((await statusOf(enrollment.id)).journeyStatus, "PAID");
      assert.equal(h.sim.dialCount(phone.number), 0, "no call after the payment");
      assert.equal(await h.db.callAttempt.count({ where: { debtorId: debtor.id } }), 0);
    } finally {
      await lock.query("ROLLBACK").catch(() => undefined);
      await lock.end();
    }
  });

  test("the same signed payment webhook delivered twice and concurrently: one payment, the journey ends once", async () => {
    const { enrollmentId, account, ref } = await h.enroll("no_answer", { strategy: { maxAttempts: 3, retryDelayHours: 24 } });
    await h.until(() => statusOf(enrollmentId), (e) => e.journeyStatus === "WAITING_RETRY", "the cadence wait");
    await h.until(() => h.sleeping(ref), Boolean, "the journey's sleep");
    const deliver = paymentWebhook(account.id, account.balanceCents, `pi_dup_${account.id}`);
    const first = await deliver();
    const concurrent = await Promise.all([deliver(), deliver(), deliver(), deliver()]);
    const later = await deliver();
    assert.equal(first.duplicate, false);
    assert.ok([...concurrent, later].every((r) => r.duplicate && r.payment.id === first.payment.id), "every repeat answers with the first record");
    assert.equal(await h.db.payment.count({ where: { accountId: account.id } }), 1);
    assert.equal((await h.db.account.findUniqueOrThrow({ where: { id: account.id } })).balanceCents, 0);
    assert.equal(await h.db.outboxEvent.count({ where: { eventKey: EVENT.paymentReceived, aggregateId: account.id } }), 1);

    const result = await ref.output;
    assert.equal(result.status, "PAID");
    assert.equal(await h.db.outboxEvent.count({ where: { eventKey: EVENT.journeyEnded, aggregateId: enrollmentId } }), 1, "the journey ended once");
    assert.equal(await h.db.callAttempt.count({ where: { enrollmentId } }), 1, "no dial after the payment");
  });

  test("a journey held by its campaign's call cap dials when a call of the campaign ends, without waiting out its fallback", async () => {
    const campaign = await h.db.campaign.create({ data: { name: "one line", status: "RUNNING", strategy: { maxAttempts: 1 }, segment: {}, concurrency: 1 } });
    // The campaign's one line is taken by a call still going (its outcome not recorded yet).
    const holder = await createDialableDebtor(h.db);
    const holding = await h.db.enrollment.create({ data: { campaignId: campaign.id, accountId: holder.account.id, journeyStatus: "DIALING" } });
    const call = await h.db.callAttempt.create({
      data: { enrollmentId: holding.id, debtorId: holder.debtor.id, phoneId: holder.phone.id, phoneNumber: holder.phone.number, direction: "OUTBOUND", idempotencyKey: `held-line-${holding.id}`, placedAt: h.harness.clock.now(), debts: { create: [{ accountId: holder.account.id }] } },
    });
    const { enrollmentId, phone, ref } = await h.enroll("no_answer", { campaignId: campaign.id });
    await h.until(() => statusOf(enrollmentId), (e) => e.lineQueuedAt !== null, "the journey in the line queue");
    await h.until(() => h.sleeping(ref), Boolean, "the journey's sleep");
    const denial = await h.db.complianceDecision.findFirstOrThrow({ where: { enrollmentId, decision: "DENY" } });
    assert.deepEqual((denial.reasons as { code: string }[]).map((r) => r.code), ["CAMPAIGN_CAP"]);
    assert.equal(h.sim.dialCount(phone.number), 0);

    await recordCallOutcome(h.db, call.id, "NO_ANSWER", {}, { now: h.harness.clock.now() });
    // The clock never moves here: only the freed line can wake the journey before its fallback.
    const result = await ref.output;
    assert.equal(result.status, "EXHAUSTED");
    assert.equal(h.sim.dialCount(phone.number), 1);
    const attempt = await h.db.callAttempt.findFirstOrThrow({ where: { enrollmentId } });
    assert.ok(denial.nextAllowedAt && attempt.placedAt < denial.nextAllowedAt, "dialled before the wait's own end");
  });

  test("pause, resume and cancel mid-flight: no dial while paused, dials after resume, cancelled journeys end", async () => {
    const strategy = { maxAttempts: 5, retryDelayHours: 24 };
    const campaign = await h.db.campaign.create({ data: { name: "lifecycle", status: "RUNNING", strategy, segment: {} } });
    const journeys = await Promise.all([0, 1, 2].map(() => h.enroll("no_answer", { campaignId: campaign.id })));
    const ids = journeys.map((j) => j.enrollmentId);
    const dials = () => h.db.callAttempt.count({ where: { enrollmentId: { in: ids } } });
    const allSleeping = () => h.until(async () => (await Promise.all(journeys.map((j) => h.sleeping(j.ref)))).every(Boolean), Boolean, "every journey asleep");
    const allIn = (status: string) => h.until(() => h.db.enrollment.count({ where: { id: { in: ids }, journeyStatus: status as never } }), (n) => n === ids.length, `every journey ${status}`);
    await h.until(dials, (n) => n === 3, "the first dials");
    await allIn("WAITING_RETRY");
    await allSleeping();

    await pauseCampaign(h.db, campaign.id, SYSTEM_ACTOR);
    // Each wake re-plans: the pause is seen and the next look is set beyond the clock.
    const replanned = () => h.until(() => h.db.enrollment.count({ where: { id: { in: ids }, nextActionAt: { gt: h.harness.clock.now() } } }), (n) => n === ids.length, "the pause re-planned");
    // The cadence has passed: a running campaign would dial everyone again now.
    await h.harness.advance("25h");
    await replanned();
    await allSleeping();
    await h.harness.advance("24h");
    await replanned();
    await allSleeping();
    assert.equal(await dials(), 3, "no dial while paused");
    assert.equal(await h.db.enrollment.count({ where: { id: { in: ids }, journeyStatus: "WAITING_RETRY" } }), 3);

    await resumeCampaign(h.db, campaign.id, SYSTEM_ACTOR);
    await h.until(dials, (n) => n === 6, "the dials after resume (the resume event ends the pause's wait)");
    await allIn("WAITING_RETRY");
    await allSleeping();

    await cancelCampaign(h.db, campaign.id, SYSTEM_ACTOR);
    const results = await Promise.all(journeys.map((j) => j.ref.output));
    assert.deepEqual(results.map((r) => r.status), ["CANCELLED", "CANCELLED", "CANCELLED"]);
    assert.equal(await h.db.enrollment.count({ where: { id: { in: ids }, journeyStatus: "CANCELLED" } }), 3);
    assert.equal(await dials(), 6, "no dial after the cancel");
  });
});
