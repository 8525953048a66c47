import type { Db } from "../db";
import { transaction } from "../db";
import { AppError } from "../errors";
import type { Actor } from "../audit/actor";
import { recordAudit } from "../audit/record-audit";
import type { WebhookDelivery } from "../generated/prisma/client";
import { EVENT } from "../contracts/names";
import { appendOutboxEvent } from "../outbox/append";

/**
 * Queues a FAILED delivery again with a fresh attempt budget (the receiver was fixed, say). The
 * earlier attempts are kept in the audit row; the payload and its idempotency key are unchanged,
 * so a receiver that did process it can drop the repeat. Delivered or pending ones are refused.
 * The outbox event in the same transaction starts a new crm-webhook-delivery run.
 */
export async function replayWebhookDelivery(db: Db, deliveryId: string, actor: Actor): Promise<WebhookDelivery> {
  return transaction(db, "replay-webhook-delivery", async (tx) => {
    const delivery = await tx.webhookDelivery.findUnique({ where: { id: deliveryId } });
    if (!delivery) throw new AppError("NOT_FOUND", "No webhook delivery has this id.");
    if (delivery.status !== "FAILED") throw new AppError("CONFLICT", `Only a failed delivery can be replayed; this one is ${delivery.status.toLowerCase()}.`);
    const replayed = await tx.webhookDelivery.update({ where: { id: deliveryId }, data: { status: "PENDING", attempts: 0, nextAttemptAt: new Date(), lastError: null } });
    // Keyed by the length of the attempt log, which grows between two replays (only a FAILED
    // delivery is replayed): each replay is a new fact, a repeated relay of one is not.
    const logged = await tx.webhookDeliveryAttempt.count({ where: { deliveryId } });
    await appendOutboxEvent(tx, { aggregateType: "webhook_delivery", aggregateId: deliveryId, eventKey: EVENT.webhookQueued, payload: { deliveryId }, idempotencyKey: `webhook-queued:${deliveryId}:replay:${logged}` });
    await recordAudit(tx, actor, "webhook_delivery.replay", { type: "webhook_delivery", id: deliveryId }, { previousAttempts: delivery.attempts, lastStatusCode: delivery.lastStatusCode });
    return replayed;
  });
}
