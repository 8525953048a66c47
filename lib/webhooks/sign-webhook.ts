import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Stripe-style signatures: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. The
 * timestamp is inside the MAC, so a captured request cannot be replayed outside the window.
 * Used for outbound CRM webhooks and to verify inbound payment webhooks.
 */
export function signPayload(secret: string, body: string, timestampSeconds: number): string {
  const mac = createHmac("sha256", secret).update(`${timestampSeconds}.${body}`).digest("hex");
  return `t=${timestampSeconds},v1=${mac}`;
}

/** 5 minutes, as Stripe: wide enough for clock skew, narrow enough to make replay useless. */
export const REPLAY_WINDOW_SECONDS = 300;

export type SignatureCheck = { ok: true } | { ok: false; reason: "missing" | "malformed" | "expired" | "mismatch" };

/** Checks a signature header against the raw body; any `v1` entry may match (secret rotation). */
export function verifySignature(secret: string, body: string, header: string | null, nowSeconds: number, windowSeconds = REPLAY_WINDOW_SECONDS): SignatureCheck {
  if (!header) return { ok: false, reason: "missing" };
  if (header.length > 1024) return { ok: false, reason: "malformed" };
  const parts = header.split(",").map((p) => p.trim().split("="));
  const t = parts.find(([k]) => k === "t")?.[1];
  const macs = parts.filter(([k, v]) => k === "v1" && v !== undefined && /^[0-9a-f]{64}$/.test(v)).map(([, v]) => Buffer.from(v!, "hex"));
  if (!t || !/^\d{1,12}$/.test(t) || macs.length === 0) return { ok: false, reason: "malformed" };
  if (Math.abs(nowSeconds - Number(t)) > windowSeconds) return { ok: false, reason: "expired" };
  const expected = Buffer.from(createHmac("sha256", secret).update(`${t}.${body}`).digest("hex"), "hex");
  return macs.some((mac) => timingSafeEqual(mac, expected)) ? { ok: true } : { ok: false, reason: "mismatch" };
}
