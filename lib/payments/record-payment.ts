import type { Db, Tx } from "../db";
import { transaction } from "../db";
import type { Actor } from "../audit/actor";
import { recordAudit } from "../audit/record-audit";
import { appendOutboxEvent } from "../outbox/append";
import { EVENT, SCOPE } from "../contracts/names";
import { RecordPaymentInputSchema, type RecordPaymentInput, type RecordPaymentResult } from "../contracts/payments";
import type { Payment } from "../generated/prisma/client";
import { enqueueWebhookDeliveries } from "../webhooks/enqueue-webhook-deliveries";
import { WEBHOOK_EVENT } from "../webhooks/event-types";
import { keepPromises } from "./keep-promises";

type ParkedReason = NonNullable<RecordPaymentResult["parkedReason"]>;

/** The stored payment (a repeat gets the first one) and what happened to it. */
export interface RecordedPayment { payment: Payment; duplicate: boolean; parkedReason: ParkedReason | null; promisesKept: string[] }
interface LockedAccount { id: string; external_id: string; balance_cents: number; currency: string; status: string; dispute_pending_at: Date | null }

/**
 * Records a payment once per (provider, provider payment id): a repeat returns the first record
 * and changes nothing. A payment on a known, collectible account lowers its balance (integer cents,
 * never below zero), settles pending promises it covers and announces EVENT.paymentReceived to the
 * account's journey. It is parked for reconciliation, never lost, when the account is unknown, in
 * another currency, or disputed: no payment is applied to a disputed debt (12 CFR 1006.30(c)).
 */
export async function recordPayment(db: Db, input: unknown, actor: Actor, raw: object = {}): Promise<RecordedPayment> {
  const data = RecordPaymentInputSchema.parse(input);
  return transaction(db, "record-payment", async (tx) => {
    const earlier = await findRecorded(tx, data);
    if (earlier) return repeat(earlier);
    // Row lock: concurrent payments on one account apply one after the other.
    const rows = data.accountId
      ? await tx.$queryRaw<LockedAccount[]>`SELECT id, external_id, balance_cents, currency, status::text AS status, dispute_pending_at FROM accounts WHERE id = ${data.accountId} FOR UPDATE`
      : await tx.$queryRaw<LockedAccount[]>`SELECT id, external_id, balance_cents, currency, status::text AS status, dispute_pending_at FROM accounts WHERE external_id = ${data.accountExternalId} FOR UPDATE`;
    const account = rows[0];
    const parkedReason = parkReason(account, data);
    const inserted = await tx.payment.createManyAndReturn({
      data: [{
        accountId: account?.id ?? null,
        accountExternalId: account?.external_id ?? data.accountExternalId ?? null,
        provider: data.provider,
        providerPaymentId: data.providerPaymentId,
        amountCents: data.amountCents,
        currency: data.currency,
        receivedAt: new Date(data.receivedAt),
        status: parkedReason ? "PARKED" : "APPLIED",
        raw: { ...raw, ...(parkedReason ? { parkedReason } : {}) },
      }],
      skipDuplicates: true,
    });
    const payment = inserted[0];
    // A concurrent twin committed first: report its record, as for any repeat.
    if (!payment) return repeat((await findRecorded(tx, data))!);
    await recordAudit(tx, actor, parkedReason ? "payment.park" : "payment.apply", { type: "payment", id: payment.id }, { amountCents: data.amountCents, parkedReason });
    if (parkedReason || !account) {
      await enqueueWebhookDeliveries(tx, WEBHOOK_EVENT.paymentParked, payment.id, { paymentId: payment.id, accountExternalId: payment.accountExternalId, amountCents: payment.amountCents, reason: parkedReason });
      return { payment, duplicate: false, parkedReason, promisesKept: [] };
    }
    return { payment, duplicate: false, parkedReason: null, promisesKept: await apply(tx, account, payment) };
  });
}

function parkReason(account: LockedAccount | undefined, data: RecordPaymentInput): ParkedReason | null {
  if (!account) return "unknown_account";
  if (account.currency !== data.currency) return "currency_mismatch";
  if (account.status === "DISPUTED" || account.dispute_pending_at) return "disputed";
  if (account.status === "RECALLED" || account.status === "CLOSED") return "not_collectible";
  return null;
}

async function apply(tx: Tx, account: LockedAccount, payment: Payment): Promise<string[]> {
  const balanceCents = Math.max(0, account.balance_cents - payment.amountCents);
  await tx.account.update({ where: { id: account.id }, data: { balanceCents, ...(balanceCents === 0 ? { status: "PAID" } : {}) } });
  const promisesKept = await keepPromises(tx, account.id);
  const event = { paymentId: payment.id, accountId: account.id, amountCents: payment.amountCents, balanceCents, receivedAt: payment.receivedAt.toISOString() };
  await appendOutboxEvent(tx, { aggregateType: "account", aggregateId: account.id, eventKey: EVENT.paymentReceived, scope: SCOPE.account(account.id), payload: event, idempotencyKey: `payment-received:${payment.id}` });
  await enqueueWebhookDeliveries(tx, WEBHOOK_EVENT.paymentApplied, payment.id, { ...event, accountExternalId: account.external_id, promisesKept });
  return promisesKept;
}

function findRecorded(tx: Tx, data: RecordPaymentInput): Promise<Payment | null> {
  return tx.payment.findUnique({ where: { provider_providerPaymentId: { provider: data.provider, providerPaymentId: data.providerPaymentId } } });
}

/** A repeat reports the first record, with the reason it was parked then (kept in `raw`). */
function repeat(payment: Payment): RecordedPayment {
  const raw = payment.raw as { parkedReason?: ParkedReason } | null;
  return { payment, duplicate: true, parkedReason: payment.status === "PARKED" ? (raw?.parkedReason ?? null) : null, promisesKept: [] };
}
