import type { Prisma } from "../generated/prisma/client";
import type { Tx } from "../db";
import { EVENT } from "../contracts/names";
import { appendOutboxEvent } from "../outbox/append";
import type { WebhookEventType } from "./event-types";

/**
 * Queues one delivery per active endpoint subscribed to the event (an empty subscription list
 * means every event), in the caller's transaction. `factKey` names the business fact, so a
 * repeated fact never queues a second delivery. Each new delivery also writes EVENT.webhookQueued
 * to the outbox in the same transaction, which starts the crm-webhook-delivery workflow: a state
 * change and its webhook commit or vanish together. Returns the new delivery ids.
 */
export async function enqueueWebhookDeliveries(tx: Tx, eventType: WebhookEventType, factKey: string, payload: Prisma.InputJsonValue): Promise<string[]> {
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { active: true, OR: [{ events: { isEmpty: true } }, { events: { has: eventType } }] },
    select: { id: true },
  });
  if (endpoints.length === 0) return [];
  const rows = await tx.webhookDelivery.createManyAndReturn({
    data: endpoints.map((e) => ({
      endpointId: e.id,
      eventType,
      idempotencyKey: `${e.id}:${eventType}:${factKey}`,
      payload: { type: eventType, id: `${eventType}:${factKey}`, data: payload },
      nextAttemptAt: new Date(),
    })),
    skipDuplicates: true,
    select: { id: true },
  });
  for (const row of rows) {
    await appendOutboxEvent(tx, { aggregateType: "webhook_delivery", aggregateId: row.id, eventKey: EVENT.webhookQueued, payload: { deliveryId: row.id }, idempotencyKey: `webhook-queued:${row.id}` });
  }
  return rows.map((r) => r.id);
}
