import { ConcurrencyLimitStrategy } from "@hatchet-dev/typescript-sdk/protoc/v1/workflows";
import { NonRetryableError } from "@hatchet-dev/typescript-sdk/v1/task";
import { EVENT, WORKFLOW } from "../lib/contracts/names";
import { WebhookQueuedPayloadSchema, type WebhookDeliveryResult, type WebhookQueuedPayload } from "../lib/contracts/webhook-delivery";
import { deliverWebhook, DELIVERY_BACKOFF, MAX_DELIVERY_ATTEMPTS } from "../lib/webhooks/deliver-webhook";
import { workflowDeps } from "./deps";
import { hatchet } from "./hatchet-client";
import { parseInput, runStep } from "./run-step";

/**
 * Sends one queued CRM webhook delivery (EVENT.webhookQueued, written to the outbox in the
 * transaction that queued it). Each try is one signed HTTP attempt through lib/webhooks/deliver-webhook,
 * which logs it; a PENDING outcome (5xx, 408, 429, timeout, refused connection) throws so Hatchet
 * retries it with backoff, a refusal (other 4xx) or the last attempt ends the run. One run per
 * delivery at a time (concurrency key), and a delivered one is never sent again, so a repeated
 * event or a replayed run sends nothing twice.
 */
export const crmWebhookDelivery = hatchet.workflow<WebhookQueuedPayload, { deliver: WebhookDeliveryResult }>({
  name: WORKFLOW.crmWebhookDelivery,
  on: { event: EVENT.webhookQueued },
  concurrency: { expression: "input.deliveryId", maxRuns: 1, limitStrategy: ConcurrencyLimitStrategy.GROUP_ROUND_ROBIN },
});

crmWebhookDelivery.task({
  name: "deliver",
  // The first try plus these is the delivery's whole attempt budget.
  retries: MAX_DELIVERY_ATTEMPTS - 1,
  backoff: DELIVERY_BACKOFF,
  // deliverWebhook gives the receiver 10 s; the rest is two short writes.
  executionTimeout: "1m",
  fn: async (raw, ctx): Promise<WebhookDeliveryResult> => {
    const input = parseInput(WebhookQueuedPayloadSchema, raw);
    const { db } = workflowDeps();
    // Wall time on purpose: the signature's timestamp must be one the receiver's clock accepts.
    const outcome = await runStep(() => deliverWebhook(db, input.deliveryId));
    const seen = `attempt ${outcome.attempts}: ${outcome.statusCode === null ? "no response" : `HTTP ${outcome.statusCode}`}`;
    if (outcome.status === "DELIVERED") return { deliveryId: input.deliveryId, status: "DELIVERED", attempts: outcome.attempts, statusCode: outcome.statusCode };
    if (outcome.status === "FAILED") throw new NonRetryableError(`webhook delivery ${input.deliveryId} failed for good (${seen})`);
    ctx.logger.warn(`webhook delivery ${input.deliveryId}: ${seen}; retrying with backoff`);
    throw new Error(`webhook delivery ${input.deliveryId} not delivered yet (${seen})`);
  },
});
