import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors";
import { verifySignature } from "../webhooks/sign-webhook";
import { RecordPaymentInputSchema } from "../contracts/payments";
import { recordPayment, type RecordedPayment } from "./record-payment";

/** The provider's event: `{ id, type: "payment.succeeded", data: RecordPaymentInput }`. */
export const PaymentWebhookSchema = z.object({ id: z.string().min(1).max(200), type: z.literal("payment.succeeded"), data: RecordPaymentInputSchema });

/**
 * Verifies the `Payment-Signature: t=…,v1=…` header on the raw body (5-minute replay window),
 * then records the payment once per provider payment id (a redelivery changes nothing). Nothing
 * is parsed or written before the signature checks out.
 */
export async function receivePaymentWebhook(db: Db, rawBody: string, signature: string | null, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): Promise<RecordedPayment> {
  const check = verifySignature(secret, rawBody, signature, nowSeconds);
  if (!check.ok) throw new AppError("UNAUTHENTICATED", `Payment-Signature ${check.reason === "expired" ? "is outside the 5-minute window" : `is ${check.reason}`}.`);
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new AppError("BAD_REQUEST", "The body is not valid JSON.");
  }
  const event = PaymentWebhookSchema.parse(json);
  return recordPayment(db, event.data, { type: "SYSTEM", id: `payment-webhook:${event.data.provider}` }, { webhookEventId: event.id });
}
