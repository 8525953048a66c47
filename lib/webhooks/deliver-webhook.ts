import type { Db } from "../db";
import { signPayload } from "./sign-webhook";

/** Attempts before a delivery is given up as FAILED (the console can replay it later). */
export const MAX_DELIVERY_ATTEMPTS = 8;
const TIMEOUT_MS = 10_000;

/** Exponential backoff: 30 s, 1 min, 2 min … capped at 6 hours. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);
}

export interface DeliveryOutcome {
  status: "DELIVERED" | "PENDING" | "FAILED";
  attempts: number;
  statusCode: number | null;
  /** When the next try is due; null once delivered or failed for good. */
  nextAttemptAt: Date | null;
}

/**
 * POSTs one queued delivery to its endpoint, signed (`Recourse-Signature: t=…,v1=…` over
 * "<t>.<body>" with the endpoint's secret), and records the attempt: status code, error, and the
 * next attempt time with backoff. A 2xx delivers it; a 4xx other than 408/429 fails it for good
 * (the receiver refuses it); anything else stays PENDING until MAX_DELIVERY_ATTEMPTS.
 * The integrator's Hatchet workflow calls this and retries while the outcome is PENDING.
 */
export async function deliverWebhook(db: Db, deliveryId: string, options: { now?: () => Date; fetchImpl?: typeof fetch } = {}): Promise<DeliveryOutcome> {
  const now = options.now ?? (() => new Date());
  const delivery = await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId }, include: { endpoint: true } });
  if (delivery.status !== "PENDING") return { status: delivery.status, attempts: delivery.attempts, statusCode: delivery.lastStatusCode, nextAttemptAt: null };
  const body = JSON.stringify(delivery.payload);
  const sentAt = now();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const response = await (options.fetchImpl ?? fetch)(delivery.endpoint.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Recourse-Webhooks/1",
        "recourse-event": delivery.eventType,
        "recourse-delivery": delivery.id,
        "idempotency-key": delivery.idempotencyKey,
        "recourse-signature": signPayload(delivery.endpoint.secret, body, Math.floor(sentAt.getTime() / 1000)),
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    statusCode = response.status;
    await response.body?.cancel();
  } catch (cause) {
    error = cause instanceof Error ? `${cause.name}: ${cause.message}`.slice(0, 500) : "network error";
  }
  const attempts = delivery.attempts + 1;
  const delivered = statusCode !== null && statusCode >= 200 && statusCode < 300;
  const refused = statusCode !== null && statusCode >= 400 && statusCode < 500 && statusCode !== 408 && statusCode !== 429;
  const status = delivered ? "DELIVERED" : refused || attempts >= MAX_DELIVERY_ATTEMPTS ? "FAILED" : "PENDING";
  const nextAttemptAt = status === "PENDING" ? new Date(sentAt.getTime() + backoffMs(attempts)) : null;
  await db.webhookDelivery.update({
    where: { id: delivery.id },
    data: { attempts, status, lastStatusCode: statusCode, lastError: delivered ? null : (error ?? `HTTP ${statusCode}`), nextAttemptAt, deliveredAt: delivered ? sentAt : null },
  });
  return { status, attempts, statusCode, nextAttemptAt };
}
