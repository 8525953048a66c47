import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { problemResponse } from "@/lib/api/problem-response";
import { paymentWebhookSecret } from "@/lib/payments/payment-webhook-secret";
import { receivePaymentWebhook } from "@/lib/payments/receive-payment-webhook";

export const dynamic = "force-dynamic";

const MAX_BYTES = 64 * 1024;

/** Inbound payment events: signature checked on the raw body before anything is parsed. */
export async function POST(req: Request): Promise<Response> {
  const requestId = randomUUID();
  try {
    if (Number(req.headers.get("content-length") ?? "0") > MAX_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "The body is too large.");
    const raw = await req.text();
    if (Buffer.byteLength(raw) > MAX_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "The body is too large.");
    const result = await receivePaymentWebhook(db(), raw, req.headers.get("payment-signature"), paymentWebhookSecret());
    return Response.json({ paymentId: result.payment.id, status: result.payment.status, duplicate: result.duplicate }, { headers: { "x-request-id": requestId } });
  } catch (error) {
    return problemResponse(error, requestId);
  }
}
