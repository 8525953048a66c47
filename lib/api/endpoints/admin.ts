import { z } from "zod";
import type { WebhookDelivery } from "../../generated/prisma/client";
import { defineEndpoint } from "../endpoint";
import { pageArgs, toPage } from "../pagination";
import { presentApiKey } from "../present";
import { IdParamsSchema, PageQuerySchema, pageOf } from "../../contracts/api";
import { createApiKey, CreateApiKeyInputSchema } from "../create-api-key";
import { revokeApiKey } from "../revoke-api-key";
import { createWebhookEndpoint, CreateWebhookEndpointInputSchema } from "../../webhooks/create-webhook-endpoint";
import { replayWebhookDelivery } from "../../webhooks/replay-webhook-delivery";

const ApiKeySchema = z.object({ id: z.string(), name: z.string(), prefix: z.string(), scopes: z.array(z.string()), rateLimitPerMinute: z.number().int(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable(), createdAt: z.string() });

export const createApiKeyEndpoint = defineEndpoint({
  operationId: "createApiKey", method: "POST", path: "/api/v1/api-keys", scope: "admin", tag: "Admin", summary: "Issue an API key; the key is in this response only.",
  body: CreateApiKeyInputSchema, response: ApiKeySchema.extend({ key: z.string() }), successStatus: 201,
  run: async ({ db, actor, body }) => {
    const created = await createApiKey(db, body, actor);
    return { ...created, createdAt: created.createdAt.toISOString(), lastUsedAt: null, revokedAt: null };
  },
});

export const listApiKeysEndpoint = defineEndpoint({
  operationId: "listApiKeys", method: "GET", path: "/api/v1/api-keys", scope: "admin", tag: "Admin", summary: "List API keys (prefixes only).",
  query: PageQuerySchema, response: pageOf(ApiKeySchema),
  run: async ({ db, query }) => toPage(await db.apiKey.findMany(pageArgs(query)), query, presentApiKey),
});

export const revokeApiKeyEndpoint = defineEndpoint({
  operationId: "revokeApiKey", method: "POST", path: "/api/v1/api-keys/{id}/revoke", scope: "admin", tag: "Admin", summary: "Revoke an API key at once.",
  params: IdParamsSchema, response: ApiKeySchema,
  run: async ({ db, actor, params }) => presentApiKey(await revokeApiKey(db, params.id, actor)),
});

const DeliverySchema = z.object({ id: z.string(), endpointId: z.string(), eventType: z.string(), status: z.enum(["PENDING", "DELIVERED", "FAILED"]), attempts: z.number().int(), lastStatusCode: z.number().int().nullable(), nextAttemptAt: z.string().nullable(), createdAt: z.string() });
const presentDelivery = (d: WebhookDelivery) => ({ id: d.id, endpointId: d.endpointId, eventType: d.eventType, status: d.status, attempts: d.attempts, lastStatusCode: d.lastStatusCode, nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null, createdAt: d.createdAt.toISOString() });

const WebhookEndpointSchema = z.object({ id: z.string(), url: z.string(), events: z.array(z.string()), active: z.boolean(), createdAt: z.string() });

export const createWebhookEndpointEndpoint = defineEndpoint({
  operationId: "createWebhookEndpoint", method: "POST", path: "/api/v1/webhook-endpoints", scope: "admin", tag: "Admin", summary: "Register a CRM webhook URL; the signing secret is in this response only.",
  body: CreateWebhookEndpointInputSchema,
  response: WebhookEndpointSchema.extend({ secret: z.string() }), successStatus: 201,
  run: async ({ db, actor, body }) => {
    const created = await createWebhookEndpoint(db, body, actor);
    return { ...created, createdAt: created.createdAt.toISOString() };
  },
});

export const listWebhookDeliveriesEndpoint = defineEndpoint({
  operationId: "listWebhookDeliveries", method: "GET", path: "/api/v1/webhook-deliveries", scope: "admin", tag: "Admin", summary: "The outbound delivery log.",
  query: PageQuerySchema.extend({ status: z.enum(["PENDING", "DELIVERED", "FAILED"]).optional() }),
  response: pageOf(DeliverySchema),
  run: async ({ db, query }) => {
    const args = pageArgs(query);
    const rows = await db.webhookDelivery.findMany({ ...args, where: { ...args.where, ...(query.status ? { status: query.status } : {}) } });
    return toPage(rows, query, presentDelivery);
  },
});

export const replayWebhookDeliveryEndpoint = defineEndpoint({
  operationId: "replayWebhookDelivery", method: "POST", path: "/api/v1/webhook-deliveries/{id}/replay", scope: "admin", tag: "Admin", summary: "Queue a failed delivery again.",
  params: IdParamsSchema, response: DeliverySchema,
  run: async ({ db, actor, params }) => presentDelivery(await replayWebhookDelivery(db, params.id, actor)),
});
