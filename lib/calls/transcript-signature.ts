import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "../errors";

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export const TRANSCRIPT_SIGNATURE_HEADER = "x-recourse-signature";

/** A signature older or newer than this is refused, so a captured post cannot be replayed later. */
export const SIGNATURE_TOLERANCE_S = 300;

/** The header value for a body signed at `timestampS` (the voice agent and the simulator do this). */
export function signTranscriptBody(secret: string, rawBody: string, timestampS: number): string {
  return `t=${timestampS},v1=${hmac(secret, timestampS, rawBody)}`;
}

/**
 * Checks the signature over the exact raw body. The timestamp is inside the MAC, so it cannot be
 * moved; together with idempotent storage a replay inside the window changes nothing either.
 */
export function verifyTranscriptSignature(secret: string, rawBody: string, header: string | null, nowS: number): void {
  if (!header) throw new AppError("UNAUTHENTICATED", `Missing ${TRANSCRIPT_SIGNATURE_HEADER} header.`);
  const parts = new Map(header.split(",").map((part) => part.trim().split("=", 2) as [string, string | undefined]));
  const timestamp = Number(parts.get("t"));
  const given = parts.get("v1") ?? "";
  if (!Number.isSafeInteger(timestamp) || !/^[0-9a-f]{64}$/.test(given)) throw new AppError("UNAUTHENTICATED", "Malformed signature header.");
  if (Math.abs(nowS - timestamp) > SIGNATURE_TOLERANCE_S) throw new AppError("UNAUTHENTICATED", "Signature timestamp is outside the accepted window.");
  const expected = Buffer.from(hmac(secret, timestamp, rawBody), "hex");
  if (!timingSafeEqual(expected, Buffer.from(given, "hex"))) throw new AppError("UNAUTHENTICATED", "Signature does not match the body.");
}

function hmac(secret: string, timestampS: number, rawBody: string): string {
  return createHmac("sha256", secret).update(`${timestampS}.${rawBody}`).digest("hex");
}
