import type { Db } from "../db";
import { AppError } from "../errors";
import type { ApiScope } from "../contracts/api";
import { API_KEY_PATTERN, hashApiKey } from "./api-key-format";

export interface ApiPrincipal {
  keyId: string;
  scopes: ApiScope[];
  rateLimitPerMinute: number;
}

/** lastUsedAt is refreshed at most once a minute: a write per request would double the load. */
const LAST_USED_GRANULARITY_MS = 60_000;

/** Resolves `Authorization: Bearer rk_…` to a live key, or throws UNAUTHENTICATED (401). */
export async function authenticateApiKey(db: Db, authorization: string | null, now = new Date()): Promise<ApiPrincipal> {
  const key = authorization?.match(/^Bearer (\S+)$/)?.[1];
  if (!key) throw new AppError("UNAUTHENTICATED", "Send an API key as `Authorization: Bearer <key>`.");
  // Malformed keys never reach the database.
  if (!API_KEY_PATTERN.test(key)) throw new AppError("UNAUTHENTICATED", "The API key is not valid.");
  const row = await db.apiKey.findUnique({ where: { hash: hashApiKey(key) }, select: { id: true, scopes: true, rateLimitPerMinute: true, revokedAt: true, lastUsedAt: true } });
  if (!row || row.revokedAt) throw new AppError("UNAUTHENTICATED", "The API key is not valid.");
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { keyId: row.id, scopes: row.scopes as ApiScope[], rateLimitPerMinute: row.rateLimitPerMinute };
}

/** `admin` holds every scope; the others are independent (a write key cannot read). */
export function hasScope(principal: ApiPrincipal, needed: ApiScope): boolean {
  return principal.scopes.includes(needed) || principal.scopes.includes("admin");
}
