import type { CallOutcome } from "../contracts/call-outcome";
import type { Tx } from "../db";
import { enqueueWebhookDeliveries } from "../webhooks/enqueue-webhook-deliveries";
import { WEBHOOK_EVENT } from "../webhooks/event-types";

/**
 * Queues the CRM webhooks a call's recorded outcome announces, in the transaction that records it
 * (so the outcome and its webhooks commit together): `call.completed` always, and `dispute.opened`
 * or `cease.requested` when the consumer disputed or asked to stop on the call. Keyed on the
 * attempt, so a repeated outcome queues nothing new.
 */
export async function enqueueCallWebhooks(tx: Tx, attemptId: string, outcome: CallOutcome): Promise<void> {
  const attempt = await tx.callAttempt.findUniqueOrThrow({
    where: { id: attemptId },
    select: { id: true, enrollmentId: true, debtorId: true, placedAt: true, answeredAt: true, endedAt: true, sipStatus: true, counted: true, conversation: true, debts: { select: { account: { select: { id: true, externalId: true } } } } },
  });
  const accounts = attempt.debts.map((d) => ({ accountId: d.account.id, accountExternalId: d.account.externalId }));
  const iso = (at: Date | null) => at?.toISOString() ?? null;
  await enqueueWebhookDeliveries(tx, WEBHOOK_EVENT.callCompleted, attempt.id, {
    attemptId: attempt.id,
    enrollmentId: attempt.enrollmentId,
    accounts,
    outcome,
    placedAt: attempt.placedAt.toISOString(),
    answeredAt: iso(attempt.answeredAt),
    endedAt: iso(attempt.endedAt),
    sipStatus: attempt.sipStatus,
    counted: attempt.counted,
    conversation: attempt.conversation,
  });
  if (outcome === "DISPUTE") await enqueueWebhookDeliveries(tx, WEBHOOK_EVENT.disputeOpened, `call:${attempt.id}`, { source: "call", attemptId: attempt.id, accounts });
  if (outcome === "CEASE_REQUEST") await enqueueWebhookDeliveries(tx, WEBHOOK_EVENT.ceaseRequested, `call:${attempt.id}`, { source: "call", kind: "STOP_CALLING", attemptId: attempt.id, debtorId: attempt.debtorId, accounts });
}
