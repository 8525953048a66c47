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

/**
 * Live keys are remembered for 5 s per process, saving a database round trip on most requests.
 * A revocation applies at once in the process that revokes (forgetApiKey) and within 5 s elsewhere.
 */
const CACHE_MS = 5_000;
// On globalThis, like the Prisma client in lib/db.ts: Next bundles each route and page apart, so a
// module-level Map would be one cache per bundle, and a key revoked from the console's server
// action would stay live for the API routes of the same process until it expired.
const globalForKeys = globalThis as unknown as { recourseApiKeyCache?: Map<string, { principal: ApiPrincipal; until: number }> };
const cache = (globalForKeys.recourseApiKeyCache ??= new Map());

export function forgetApiKey(keyId: string): void {
  for (const [hash, entry] of cache) if (entry.principal.keyId === keyId) cache.delete(hash);
}

/** Resolves `Authorization: Bearer rk_…` to a live key, or throws UNAUTHENTICATED (401). */
export async function authenticateApiKey(db: Db, authorization: string | null, now = new Date()): Promise<ApiPrincipal> {
  const key = authorization?.match(/^Bearer (\S+)$/)?.[1];
  if (!key) throw new AppError("UNAUTHENTICATED", "Send an API key as `Authorization: Bearer <key>`.");
  // Malformed keys never reach the database.
  if (!API_KEY_PATTERN.test(key)) throw new AppError("UNAUTHENTICATED", "The API key is not valid.");
  const hash = hashApiKey(key);
  const cached = cache.get(hash);
  if (cached && cached.until > now.getTime()) return cached.principal;
  const row = await db.apiKey.findUnique({ where: { hash }, select: { id: true, scopes: true, rateLimitPerMinute: true, revokedAt: true, lastUsedAt: true } });
  if (!row || row.revokedAt) throw new AppError("UNAUTHENTICATED", "The API key is not valid.");
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  const principal = { keyId: row.id, scopes: row.scopes as ApiScope[], rateLimitPerMinute: row.rateLimitPerMinute };
  if (cache.size > 10_000) cache.clear();
  cache.set(hash, { principal, until: now.getTime() + CACHE_MS });
  return principal;
}

/** `admin` holds every scope; the others are independent (a write key cannot read). */
export function hasScope(principal: ApiPrincipal, needed: ApiScope): boolean {
  return principal.scopes.includes(needed) || principal.scopes.includes("admin");
}
