import type { Db } from "../../db";
import { AppError } from "../../errors";
import { problemResponse } from "../../http/problem-response";
import { recordLiveKitWebhook, type WebhookKeys } from "../record-livekit-webhook";

/** LiveKit's webhook bodies are small; anything this large is not one. */
const MAX_WEBHOOK_BYTES = 1_000_000;

/**
 * POST /api/webhooks/livekit as a fetch handler (the route and the integration tests share it):
 * the raw body goes to the signature check untouched.
 */
export async function handleLiveKitWebhook(request: Request, deps: { db: Db; keys: WebhookKeys }): Promise<Response> {
  try {
    const body = await request.text();
    if (Buffer.byteLength(body) > MAX_WEBHOOK_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "Webhook body too large.");
    const record = await recordLiveKitWebhook(deps.db, body, request.headers.get("authorization"), deps.keys);
    return Response.json(record, { status: 200 });
  } catch (error) {
    return problemResponse(error, "/api/webhooks/livekit");
  }
}
