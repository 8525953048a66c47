import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db";
import { transaction } from "../db";
import type { Actor } from "../audit/actor";
import { recordAudit } from "../audit/record-audit";
import { WEBHOOK_EVENT } from "./event-types";

export const CreateWebhookEndpointInputSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  /** Empty: every event type, including ones added later. */
  events: z.array(z.enum(Object.values(WEBHOOK_EVENT) as [string, ...string[]])).max(20).default([]),
});

export interface CreatedWebhookEndpoint {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  createdAt: Date;
  /** The signing secret: returned here once; the console and the API never show it again. */
  secret: string;
}

/** Registers a CRM webhook URL with a fresh signing secret (192 random bits). Audited without the secret. */
export async function createWebhookEndpoint(db: Db, input: unknown, actor: Actor): Promise<CreatedWebhookEndpoint> {
  const data = CreateWebhookEndpointInputSchema.parse(input);
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  return transaction(db, "create-webhook-endpoint", async (tx) => {
    const row = await tx.webhookEndpoint.create({ data: { url: data.url, events: [...new Set(data.events)], secret } });
    await recordAudit(tx, actor, "webhook_endpoint.create", { type: "webhook_endpoint", id: row.id }, { url: row.url, events: row.events });
    return { id: row.id, url: row.url, events: row.events, active: row.active, createdAt: row.createdAt, secret };
  });
}
