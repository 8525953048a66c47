import { RateLimitDuration } from "@hatchet-dev/typescript-sdk/protoc/v1/workflows";
import { windowEnd } from "../core/rate-limits";
import type { EngineContext } from "../grpc/context";
import type { Router } from "./router";

const ORDER: Record<string, string> = { key: "key", value: "value", limitValue: "limit_value" };

/** `hatchet.ratelimits.list()`: GET /api/v1/tenants/{tenant}/rate-limits, shaped as Hatchet's `RateLimit`. */
export function rateLimitRoutes(router: Router, ctx: EngineContext, tenantOnly: (tenant: string | undefined) => void): Router {
  return router.on("GET", "/api/v1/tenants/:tenant/rate-limits", async ({ params, query }) => {
    tenantOnly(params.tenant);
    const limit = Math.min(Number(query.get("limit") ?? 50) || 50, 1000);
    const offset = Math.max(Number(query.get("offset") ?? 0) || 0, 0);
    const order = ORDER[query.get("orderByField") ?? "key"] ?? "key";
    const direction = query.get("orderByDirection") === "desc" ? "DESC" : "ASC";
    const search = query.get("search");
    const { rows } = await ctx.pool.query<{ key: string; limit_value: number; duration: number; value: number | null; last_refill: Date }>(
      `SELECT key, limit_value, duration, value, last_refill FROM hatchet.rate_limits WHERE tenant_id = $1 AND ($2::text IS NULL OR key ILIKE '%' || $2 || '%')
       ORDER BY ${order === "value" ? "COALESCE(value, limit_value)" : order} ${direction}, key LIMIT ${limit} OFFSET ${offset}`,
      [ctx.tenantId, search],
    );
    const now = ctx.clock.now();
    return {
      status: 200,
      body: {
        rows: rows.map((row) => {
          // A window that has passed is full again (the scheduler writes the refill when it next takes units).
          const refilled = row.value === null || now >= windowEnd(row.last_refill, row.duration);
          return {
            key: row.key,
            tenantId: ctx.tenantId,
            limitValue: row.limit_value,
            value: refilled ? row.limit_value : row.value!,
            window: `1 ${RateLimitDuration[row.duration] ?? "MINUTE"}`,
            lastRefill: (refilled ? now : row.last_refill).toISOString(),
          };
        }),
        pagination: { current_page: Math.floor(offset / limit) + 1, num_pages: 1 },
      },
    };
  });
}
