import type { Db } from "../db";
import { transaction } from "../db";
import { AppError } from "../errors";
import type { Actor } from "../audit/actor";
import { recordAudit } from "../audit/record-audit";
import type { WebhookEndpoint } from "../generated/prisma/client";

/**
 * Stops queuing new deliveries to an endpoint (enqueueWebhookDeliveries only picks active ones).
 * Deliveries already queued stay in the log and can still be sent or replayed. Disabling twice
 * changes nothing and writes no second audit row.
 */
export async function disableWebhookEndpoint(db: Db, endpointId: string, actor: Actor): Promise<WebhookEndpoint> {
  return transaction(db, "disable-webhook-endpoint", async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: endpointId } });
    if (!endpoint) throw new AppError("NOT_FOUND", "No webhook endpoint has this id.");
    if (!endpoint.active) return endpoint;
    const disabled = await tx.webhookEndpoint.update({ where: { id: endpointId }, data: { active: false } });
    await recordAudit(tx, actor, "webhook_endpoint.disable", { type: "webhook_endpoint", id: endpointId }, { url: endpoint.url });
    return disabled;
  });
}
