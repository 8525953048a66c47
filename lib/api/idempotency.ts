import { createHash } from "node:crypto";
import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../db";
import { AppError } from "../errors";

/** Stored responses are kept for 24 hours, as Stripe does. */
const TTL_MS = 24 * 3600_000;
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export interface StoredResponse {
  status: number;
  body: unknown;
}

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash("sha256").update(`${method} ${path}\n${JSON.stringify(body ?? null)}`).digest("hex");
}

/**
 * Runs `execute` at most once per (API key, Idempotency-Key). The same key with the same request
 * gets the first response again; with a different request, IDEMPOTENCY_MISMATCH (422); while the
 * first is still running, CONFLICT (409). 5xx responses are not kept, so the client may retry.
 * The claim and the action commit separately: a crash in between leaves the key "in progress"
 * until it expires, which errs on the side of never running an action twice.
 */
export async function withIdempotency(db: Db, scope: string, key: string, hash: string, execute: () => Promise<StoredResponse>): Promise<StoredResponse & { replayed: boolean }> {
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) throw new AppError("BAD_REQUEST", "Idempotency-Key must be 1–255 printable ASCII characters.");
  const now = new Date();
  // An expired record frees its key.
  await db.idempotencyRecord.deleteMany({ where: { scope, key, expiresAt: { lt: now } } });
  const claimed = await db.idempotencyRecord.createMany({ data: [{ scope, key, requestHash: hash, expiresAt: new Date(now.getTime() + TTL_MS) }], skipDuplicates: true });
  if (claimed.count === 0) {
    const earlier = await db.idempotencyRecord.findUnique({ where: { scope_key: { scope, key } } });
    if (!earlier) throw new AppError("CONFLICT", "A request with this Idempotency-Key just finished; retry it.");
    if (earlier.requestHash !== hash) throw new AppError("IDEMPOTENCY_MISMATCH", "This Idempotency-Key was used with a different request.");
    if (earlier.responseStatus === null) throw new AppError("CONFLICT", "A request with this Idempotency-Key is still in progress.");
    return { status: earlier.responseStatus, body: earlier.responseBody, replayed: true };
  }
  let response: StoredResponse;
  try {
    response = await execute();
  } catch (error) {
    await db.idempotencyRecord.deleteMany({ where: { scope, key } });
    throw error;
  }
  if (response.status >= 500) await db.idempotencyRecord.deleteMany({ where: { scope, key } });
  else await db.idempotencyRecord.update({ where: { scope_key: { scope, key } }, data: { responseStatus: response.status, responseBody: response.body as Prisma.InputJsonValue } });
  return { ...response, replayed: false };
}
