import type { Db } from "../db";
import { AppError } from "../errors";
import type { Actor } from "../audit/actor";
import { recordAudit } from "../audit/record-audit";
import { deliverWebhook, type DeliveryOutcome } from "./deliver-webhook";

/**
 * An operator's "send now" on a PENDING delivery: one attempt at once instead of waiting for
 * its next attempt time (the same attempt, signing and backoff bookkeeping as deliverWebhook).
 * Delivered or failed ones are refused: replay a failed one first. Audited with the outcome.
 */
export async function sendWebhookNow(db: Db, deliveryId: string, actor: Actor): Promise<DeliveryOutcome> {
  const delivery = await db.webhookDelivery.findUnique({ where: { id: deliveryId }, select: { status: true } });
  if (!delivery) throw new AppError("NOT_FOUND", "No webhook delivery has this id.");
  if (delivery.status !== "PENDING") throw new AppError("CONFLICT", `Only a pending delivery can be sent now; this one is ${delivery.status.toLowerCase()}.`);
  const outcome = await deliverWebhook(db, deliveryId);
  await db.$transaction((tx) => recordAudit(tx, actor, "webhook_delivery.send", { type: "webhook_delivery", id: deliveryId }, { status: outcome.status, statusCode: outcome.statusCode, attempts: outcome.attempts }));
  return outcome;
}
