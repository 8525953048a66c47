import { env } from "../env";

/**
 * Embedded default so a local run and the simulator work without keys; the production profile
 * requires PAYMENT_WEBHOOK_SECRET (lib/env.ts), so the default never guards real money.
 */
export const EMBEDDED_PAYMENT_WEBHOOK_SECRET = "recourse-embedded-payment-webhook-secret";

export function paymentWebhookSecret(): string {
  return env().PAYMENT_WEBHOOK_SECRET ?? EMBEDDED_PAYMENT_WEBHOOK_SECRET;
}
