import { randomUUID } from "node:crypto";
import { db as processDb, type Db } from "../db";
import { AppError } from "../errors";
import type { Endpoint } from "./endpoint";
import { authenticateApiKey, hasScope } from "./authenticate-api-key";
import { TokenBuckets } from "./rate-limit";
import { requestHash, withIdempotency } from "./idempotency";
import { problemResponse, RateLimitedError } from "./problem-response";
import { readJsonBody } from "./read-json-body";

type RouteContext = { params?: Promise<Record<string, string | string[] | undefined>> };
const buckets = new TokenBuckets();

/**
 * The one request pipeline of /api/v1, in order: request id, API key (401), scope (403), rate
 * limit (429), path and query (422), body (415/413/400/422), Idempotency-Key on POST, the
 * endpoint's lib/ call, and its reply parsed through the response schema (rows never leak).
 * Every failure becomes problem+json via lib/errors.ts.
 */
export function serve(endpoint: Endpoint, options: { db?: () => Db } = {}): (req: Request, ctx?: RouteContext) => Promise<Response> {
  return async (req, ctx) => {
    const given = req.headers.get("x-request-id");
    const requestId = given && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
    try {
      const db = (options.db ?? processDb)();
      const principal = await authenticateApiKey(db, req.headers.get("authorization"));
      if (!hasScope(principal, endpoint.scope)) throw new AppError("FORBIDDEN", `This API key lacks the \`${endpoint.scope}\` scope.`);
      const wait = buckets.take(principal.keyId, principal.rateLimitPerMinute);
      if (wait > 0) throw new RateLimitedError(wait);
      const url = new URL(req.url);
      const params = endpoint.params ? endpoint.params.parse((await ctx?.params) ?? {}) : {};
      const query = endpoint.query ? endpoint.query.parse(Object.fromEntries(url.searchParams)) : {};
      // Actions without a body (launch, revoke …) ignore whatever was sent.
      const body = endpoint.body ? endpoint.body.parse(await readJsonBody(req, endpoint.maxBodyBytes ?? 1 << 20)) : undefined;
      const actor = { type: "API_KEY" as const, id: principal.keyId, requestId };
      const execute = async () => {
        const result = await endpoint.run({ db, actor, params, query, body });
        return { status: endpoint.successStatus ?? 200, body: endpoint.response.parse(result) };
      };
      const idempotencyKey = endpoint.method === "POST" ? req.headers.get("idempotency-key") : null;
      const outcome = idempotencyKey === null ? { ...(await execute()), replayed: false } : await withIdempotency(db, principal.keyId, idempotencyKey, requestHash(endpoint.method, url.pathname, body), () => execute().catch((error: unknown) => asStored(error)));
      const headers: Record<string, string> = { "content-type": outcome.status >= 400 ? "application/problem+json" : "application/json", "x-request-id": requestId, "cache-control": "no-store" };
      if (outcome.replayed) headers["idempotent-replayed"] = "true";
      return new Response(JSON.stringify(outcome.body), { status: outcome.status, headers });
    } catch (error) {
      return problemResponse(error, requestId);
    }
  };
}

/** A domain refusal (4xx) is the answer to keep for the key; a 5xx is rethrown so the key frees. */
async function asStored(error: unknown): Promise<{ status: number; body: unknown }> {
  const response = problemResponse(error, "idempotent");
  if (response.status >= 500) throw error;
  return { status: response.status, body: await response.json() };
}
