"use server";

import { revalidatePath } from "next/cache";
import { createApiKey } from "@/lib/api/create-api-key";
import { revokeApiKey } from "@/lib/api/revoke-api-key";
import type { Actor } from "@/lib/audit/actor";
import { db } from "@/lib/db";
import { updateCallingHours } from "@/lib/settings/update-calling-hours";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { disableWebhookEndpoint } from "@/lib/webhooks/disable-webhook-endpoint";
import { replayWebhookDelivery } from "@/lib/webhooks/replay-webhook-delivery";
import { sendWebhookNow } from "@/lib/webhooks/send-webhook-now";
import { runAction, type ActionResult } from "../../_auth/action-result";
import { requireRole } from "../../_auth/require-role";
import { formList as all, formText as text } from "../../_auth/form-fields";

/** A create action's answer: the secret travels to the page once, in this reply, and is never stored in it. */
export type SecretResult = (NonNullable<ActionResult> & { secret?: string }) | null;


/** Every settings mutation: admin only, same-origin, acting as the operator (lib writes the audit row). */
async function admin(): Promise<Actor> {
  const operator = await requireRole("admin", { mutation: true });
  return { type: "OPERATOR", id: operator.id };
}

export async function createApiKeyAction(_previous: SecretResult, form: FormData): Promise<SecretResult> {
  let secret: string | undefined;
  const result = await runAction("settings.api_key.create", async () => {
    const created = await createApiKey(db(), { name: text(form, "name"), scopes: all(form, "scopes") }, await admin());
    secret = created.key;
    revalidatePath("/settings");
    return `Key ${created.prefix} created. Copy it now: it is not shown again.`;
  });
  return result?.ok && secret ? { ...result, secret } : result;
}

export async function revokeApiKeyAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  return runAction("settings.api_key.revoke", async () => {
    const key = await revokeApiKey(db(), text(form, "id") ?? "", await admin());
    revalidatePath("/settings");
    return `Key ${key.prefix} revoked: requests with it now get 401.`;
  });
}

export async function updateCallingHoursAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  return runAction("settings.calling_hours.update", async () => {
    const window = await updateCallingHours(db(), { start: text(form, "start"), end: text(form, "end"), daysOfWeek: all(form, "daysOfWeek").map(Number) }, await admin());
    revalidatePath("/settings");
    return `Saved: new campaigns without their own window call ${window.start}–${window.end} local time.`;
  });
}

export async function createWebhookEndpointAction(_previous: SecretResult, form: FormData): Promise<SecretResult> {
  let secret: string | undefined;
  const result = await runAction("settings.webhook_endpoint.create", async () => {
    const created = await createWebhookEndpoint(db(), { url: text(form, "url"), events: all(form, "events") }, await admin());
    secret = created.secret;
    revalidatePath("/settings/webhooks");
    return "Endpoint added. Copy its signing secret now: it is not shown again.";
  });
  return result?.ok && secret ? { ...result, secret } : result;
}

export async function disableWebhookEndpointAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  return runAction("settings.webhook_endpoint.disable", async () => {
    await disableWebhookEndpoint(db(), text(form, "id") ?? "", await admin());
    revalidatePath("/settings/webhooks");
    return "Endpoint disabled: no new deliveries are queued for it.";
  });
}

const outcomeText = (o: { status: string; statusCode: number | null }) =>
  `${o.status.toLowerCase()}${o.statusCode === null ? " (no HTTP answer)" : ` (HTTP ${o.statusCode})`}`;

/**
 * Replays a failed delivery: queued again, and the crm-webhook-delivery workflow sends it (with
 * its retries). Not sent from here as well: two senders could both find it pending and post twice.
 */
export async function replayDeliveryAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  return runAction("settings.webhook_delivery.replay", async () => {
    const id = text(form, "id") ?? "";
    await replayWebhookDelivery(db(), id, await admin());
    revalidatePath("/settings/webhooks");
    return "Replayed: queued for delivery; the log shows the attempt in a moment.";
  });
}

/** Sends a pending delivery now. */
export async function sendDeliveryAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  return runAction("settings.webhook_delivery.send", async () => {
    const outcome = await sendWebhookNow(db(), text(form, "id") ?? "", await admin());
    revalidatePath("/settings/webhooks");
    return `Sent: ${outcomeText(outcome)}.`;
  });
}
