import { z } from "zod";

/** Payload of EVENT.webhookQueued and input of the crm-webhook-delivery workflow: one queued delivery. */
export const WebhookQueuedPayloadSchema = z.strictObject({ deliveryId: z.string().min(1).max(64) });
export type WebhookQueuedPayload = z.infer<typeof WebhookQueuedPayloadSchema>;

/** What a finished crm-webhook-delivery run returns. */
export const WebhookDeliveryResultSchema = z.strictObject({ deliveryId: z.string(), status: z.enum(["DELIVERED", "FAILED"]), attempts: z.number().int().min(0), statusCode: z.number().int().nullable() });
export type WebhookDeliveryResult = z.infer<typeof WebhookDeliveryResultSchema>;
