import { transaction, type Db } from "../db";
import { AppError } from "../errors";
import { signPayload } from "./sign-webhook";

/** Attempts before a delivery is given up as FAILED (the console can replay it later). */
export const MAX_DELIVERY_ATTEMPTS = 8;
const TIMEOUT_MS = 10_000;

/**
 * The crm-webhook-delivery task's Hatchet retry backoff: the n-th retry waits min(maxSeconds,
 * factor^n) s — 4 s, 16 s, 64 s, 4 min, 17 min, 68 min, 4.5 h — about 6 h in all before the
 * 8th attempt, long enough to ride out a receiver's deploy or outage.
 */
export const DELIVERY_BACKOFF = { factor: 4, maxSeconds: 6 * 3600 } as const;

/** When the retry after `attempts` attempts is due, by DELIVERY_BACKOFF (what nextAttemptAt records). */
export function backoffMs(attempts: number): number {
  return Math.min(DELIVERY_BACKOFF.factor ** Math.max(1, attempts), DELIVERY_BACKOFF.maxSeconds) * 1000;
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
 * (the receiver refuses it); anything else (5xx, 408, 429, a timeout, a refused connection) stays
 * PENDING until MAX_DELIVERY_ATTEMPTS. Every attempt is appended to the delivery's attempt log in
 * the transaction that records it. workflows/crm-webhook-delivery.ts calls this and retries, with
 * Hatchet's backoff, while the outcome is PENDING.
 */
export async function deliverWebhook(db: Db, deliveryId: string, options: { now?: () => Date; fetchImpl?: typeof fetch } = {}): Promise<DeliveryOutcome> {
  const now = options.now ?? (() => new Date());
  const delivery = await db.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { endpoint: true } });
  if (!delivery) throw new AppError("NOT_FOUND", `No webhook delivery has the id ${deliveryId}.`);
  if (delivery.status !== "PENDING") return { status: delivery.status, attempts: delivery.attempts, statusCode: delivery.lastStatusCode, nextAttemptAt: null };
  const body = JSON.stringify(delivery.payload);
  const sentAt = now();
  const started = performance.now();
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
  const durationMs = Math.round(performance.now() - started);
  await transaction(db, "webhook-delivery-attempt", async (tx) => {
    await tx.webhookDelivery.update({
      where: { id: delivery.id },
      data: { attempts, status, lastStatusCode: statusCode, lastError: delivered ? null : (error ?? `HTTP ${statusCode}`), nextAttemptAt, deliveredAt: delivered ? sentAt : null },
    });
    // A replay resets `attempts`; the log keeps counting, so its numbers stay unique per delivery.
    const logged = await tx.webhookDeliveryAttempt.aggregate({ where: { deliveryId: delivery.id }, _max: { number: true } });
    await tx.webhookDeliveryAttempt.create({ data: { deliveryId: delivery.id, number: (logged._max.number ?? 0) + 1, statusCode, error, durationMs, sentAt } });
  });
  return { status, attempts, statusCode, nextAttemptAt };
}
