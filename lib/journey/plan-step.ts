import { CampaignStrategySchema, type CampaignStrategy } from "../contracts/campaign-strategy";
import type { JourneyPlan, PlanStepInput } from "../contracts/journey";
import { EVENT, SCOPE } from "../contracts/names";
import { LINE_QUEUE_FALLBACK_MS } from "../campaigns/line-queue";
import { reserveDialAttempt } from "../compliance/reserve-dial";
import type { GatePolicy } from "../compliance/types";
import { transaction, type Db, type Tx } from "../db";
import { appendOutboxEvent } from "../outbox/append";
import { enqueueWebhookDeliveries } from "../webhooks/enqueue-webhook-deliveries";
import { WEBHOOK_EVENT } from "../webhooks/event-types";
import { loadJourneyState } from "./load-journey-state";
import { moveJourney } from "./move-journey";
import { canTransition, TERMINAL_STATUSES, type JourneyStatus } from "./status";

const HOUR = 3_600_000;
/** A paused campaign is looked at again at least this often (resuming also wakes it). */
const PAUSE_RECHECK_SECONDS = 6 * 3_600;
/** How long a payment taken on a call may take to reach us from the provider (card or ACH). */
const PAYMENT_CONFIRMATION_HOURS = 72;
/** Outcomes after which the next try may come sooner: the line was busy. */
const BUSY = new Set(["BUSY"]);

/**
 * Decides one enrollment's next step from PostgreSQL, the source of truth: end (paid, disputed,
 * ceased, cancelled, exhausted), wait (a promise's due date, the cadence, a paused campaign, the
 * compliance gate's next allowed instant, or a free line of the campaign), or dial — an attempt
 * the gate allowed, written in the gate's own transaction together with the journey's move to
 * DIALING (or, denied, its wait).
 * Idempotent per (enrollment, step): a retried step gets the same attempt. Every wake-up of every
 * journey runs this, so it reads its state in one statement and writes in one transaction.
 */
export async function planJourneyStep(db: Db, input: PlanStepInput, options: { clock?: () => Date; /** The gate reads `clock` (a virtual one) instead of the database clock. */ gateUsesClock?: boolean; policy?: GatePolicy } = {}): Promise<JourneyPlan> {
  const clock = options.clock ?? (() => new Date());
  const now = clock();
  const decidedAt = now.toISOString();
  const reservationKey = `enrollment:${input.enrollmentId}:step:${input.step}`;
  const state = await loadJourneyState(db, input.enrollmentId, reservationKey);
  if (!state) return { action: "end", status: "FAILED", reason: "the enrollment no longer exists", decidedAt };
  const { enrollment, account, campaign, debtor } = state;
  // A journey's first decision takes it out of PENDING in the same transaction as what it decides.
  let pending = enrollment.journeyStatus === "PENDING";
  const move = async (tx: Tx, to: JourneyStatus, fields: Parameters<typeof moveJourney>[3] = {}) => {
    if (pending && to !== "QUEUED" && !canTransition("PENDING", to)) await moveJourney(tx, enrollment.id, "QUEUED");
    pending = false;
    return moveJourney(tx, enrollment.id, to, fields);
  };
  const endIn = async (tx: Tx, status: JourneyStatus, reason: string) => {
    const moved = await move(tx, status, { closedReason: reason, nextActionAt: null, ...(status === "ESCALATED" || status === "EXHAUSTED" ? { escalatedAt: now } : {}) });
    if (!moved) return;
    const payload = { enrollmentId: enrollment.id, accountId: account.id, campaignId: campaign.id, status, reason };
    await appendOutboxEvent(tx, { aggregateType: "enrollment", aggregateId: enrollment.id, eventKey: EVENT.journeyEnded, scope: SCOPE.enrollment(enrollment.id), payload, idempotencyKey: `journey-ended:${enrollment.id}` });
    const crm = { ...payload, accountExternalId: account.externalId, campaignName: campaign.name };
    await enqueueWebhookDeliveries(tx, WEBHOOK_EVENT.journeyEnded, enrollment.id, crm);
    // Handed to a human (EXHAUSTED: attempts used up; ESCALATED: attorney, bankruptcy, gate): the CRM's queue.
    if (status === "ESCALATED" || status === "EXHAUSTED") await enqueueWebhookDeliveries(tx, WEBHOOK_EVENT.escalation, enrollment.id, crm);
  };
  const end = async (status: JourneyStatus, reason: string): Promise<JourneyPlan> => {
    await transaction(db, "end-journey", (tx) => endIn(tx, status, reason));
    return { action: "end", status, reason, decidedAt };
  };
  const waitPlan = (until: Date, reason: string): Extract<JourneyPlan, { action: "wait" }> => ({ action: "wait", waitSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)), reason, decidedAt });
  const wait = async (until: Date, status: JourneyStatus, reason: string): Promise<JourneyPlan> => {
    // A first decision moves twice (PENDING → QUEUED → status), together; otherwise one statement.
    if (pending) await transaction(db, "journey-wait", (tx) => move(tx, status, { nextActionAt: until }));
    else await move(db, status, { nextActionAt: until });
    return waitPlan(until, reason);
  };

  if (TERMINAL_STATUSES.has(enrollment.journeyStatus)) {
    return { action: "end", status: enrollment.journeyStatus, reason: enrollment.closedReason ?? "the journey had already ended", decidedAt };
  }
  if (campaign.status === "CANCELLED") return end("CANCELLED", "the campaign was cancelled");
  if (account.balanceCents <= 0 || account.status === "PAID" || account.status === "SETTLED") return end("PAID", "the balance is paid");
  if (account.status === "CLOSED" || account.status === "RECALLED") return end("CLOSED", `the account is ${account.status.toLowerCase()}`);
  if (account.disputePendingAt || account.status === "DISPUTED") return end("DISPUTED", "the debt is disputed: collection stops until verification (1006.38)");
  if (debtor.ceaseCommunicationAt || debtor.refusedToPayAt || account.status === "CEASED") return end("CEASED", "the consumer asked to stop or refused to pay (1006.6(c))");
  if (debtor.stopCallingAt || debtor.doNotCall) return end("CEASED", "the consumer asked not to be called (1006.14(h))");
  if (debtor.attorneyRepresentedAt) return end("ESCALATED", "the consumer is represented by an attorney (1006.6(b)(2))");
  if (debtor.bankruptcyAt || debtor.deceasedAt) return end("ESCALATED", debtor.bankruptcyAt ? "bankruptcy on file" : "the consumer is deceased");
  // A retried step whose first try reserved an attempt (then its worker was lost, or its answer
  // was) gets that attempt again: deciding afresh would see its own reservation as the last call,
  // wait out the cadence and leave the attempt undialled, an open call the gate counts forever.
  if (state.reserved && !state.reserved.endedAt) return { action: "dial", attemptId: state.reserved.id, decidedAt };
  if (campaign.status === "PAUSED" || campaign.status === "DRAFT") {
    return wait(new Date(now.getTime() + PAUSE_RECHECK_SECONDS * 1000), pending ? "QUEUED" : enrollment.journeyStatus, "the campaign is paused");
  }
  const strategy: CampaignStrategy = CampaignStrategySchema.parse(campaign.strategy ?? {});

  // A promise holds the calls until its due date plus grace; then it is kept (paid) or broken.
  const promise = state.promise;
  if (promise) {
    const deadline = new Date(promise.dueDate.getTime() + (promise.graceDays ?? strategy.promiseGraceDays) * 24 * HOUR + 24 * HOUR);
    if (deadline > now) return wait(deadline, "PROMISE_PENDING", `a promise of ${promise.amountCents} cents is due ${promise.dueDate.toISOString().slice(0, 10)}`);
    // Broken: the journey goes back to waiting for its next allowed call.
    await transaction(db, "promise-broken", async (tx) => {
      await tx.promiseToPay.updateMany({ where: { id: promise.id, status: "PENDING" }, data: { status: "BROKEN", resolvedAt: now } });
      await move(tx, "WAITING_RETRY");
    });
  }

  const last = state.attempts.last;
  // A payment taken on the call is confirmed by the provider's webhook, whose payment:received
  // ends this wait; calling again (or handing the account to a human) meanwhile would chase
  // someone who has just paid. Unconfirmed after the window, the journey goes on as before.
  if (last?.outcome === "PAID_ON_CALL") {
    const confirmBy = new Date(last.placedAt.getTime() + PAYMENT_CONFIRMATION_HOURS * HOUR);
    if (confirmBy > now) return wait(confirmBy, "WAITING_PAYMENT", "a payment taken on the call is awaited from the payment provider");
  }
  if (enrollment.journeyStatus === "WAITING_PAYMENT") await moveJourney(db, enrollment.id, "WAITING_RETRY");
  if (state.attempts.count >= strategy.maxAttempts) return end("EXHAUSTED", `${state.attempts.count} attempts made without resolution: handed to a human`);
  if (last) {
    const delay = last.outcome && BUSY.has(last.outcome) ? strategy.busyRetryMinutes * 60_000 : strategy.retryDelayHours * HOUR;
    const next = new Date(last.placedAt.getTime() + delay);
    if (next > now) return wait(next, "WAITING_RETRY", "the campaign's cadence between attempts");
  }
  const phone = state.phone;
  if (!phone) return end("EXHAUSTED", "no number left to dial");

  let plan: JourneyPlan | undefined;
  const pendingBeforeDial = pending;
  const reservation = await reserveDialAttempt(
    db,
    {
      idempotencyKey: reservationKey,
      debtorId: debtor.id,
      phoneId: phone.id,
      accountIds: [account.id],
      enrollmentId: enrollment.id,
      campaignCaps: { maxAttempts: strategy.maxAttempts, maxAttemptsPerDay: strategy.maxAttemptsPerDay, concurrency: { campaignId: campaign.id, limit: campaign.concurrency } },
    },
    {
      // The gate reads the clock after its locks; the journey's own bookkeeping uses `now`.
      ...(options.gateUsesClock ? { now: clock } : {}),
      ...(options.policy ? { policy: options.policy } : {}),
      // loadJourneyState looked for this step's reservation (state.reserved) a moment ago.
      reservationChecked: !state.reserved,
      // The journey's move commits with the gate's decision: no reserved attempt without DIALING.
      within: async (tx, result) => {
        // Called again with a denial when the campaign is at its cap, after the first call's writes were rolled back.
        pending = pendingBeforeDial;
        if (result.status === "reserved") {
          await move(tx, "DIALING", { attemptsMade: state.attempts.count + 1, nextActionAt: null });
          plan = { action: "dial", attemptId: result.attemptId, decidedAt };
          return;
        }
        const reasons = result.reasons.map((r) => r.code).join(", ");
        if (result.linesBusy) {
          // In the campaign's line queue (keeping its place if it was already in it): the next
          // call of the campaign that ends wakes the journey that has waited longest.
          const until = new Date(Math.max(result.nextAllowedAt?.getTime() ?? 0, now.getTime() + LINE_QUEUE_FALLBACK_MS));
          await move(tx, "WAITING_RETRY", { nextActionAt: until, lineQueuedAt: enrollment.lineQueuedAt ?? now });
          plan = { ...waitPlan(until, `compliance: ${reasons}; waiting for a free line`), lineQueued: true };
          return;
        }
        if (!result.nextAllowedAt) {
          const reason = `the compliance gate blocks every future dial (${reasons})`;
          await endIn(tx, "ESCALATED", reason);
          plan = { action: "end", status: "ESCALATED", reason, decidedAt };
          return;
        }
        await move(tx, "WAITING_RETRY", { nextActionAt: result.nextAllowedAt });
        plan = waitPlan(result.nextAllowedAt, `compliance: ${reasons}`);
      },
    },
  );
  // Another try of this step reserved first (in another process): that try moved the journey.
  if (reservation.status === "reserved" && reservation.replayed) return { action: "dial", attemptId: reservation.attemptId, decidedAt };
  if (!plan) throw new Error(`the dial transaction for ${enrollment.id} returned without a plan`);
  return plan;
}
