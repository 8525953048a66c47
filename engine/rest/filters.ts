import { randomUUID } from "node:crypto";
import { EngineError } from "../core/errors";
import { validFilter } from "../core/filters";
import type { EngineContext } from "../grpc/context";
import { HttpError, type Router } from "./router";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface FilterRow {
  id: string;
  workflow_id: string;
  scope: string;
  expression: string;
  payload: unknown;
  is_declarative: boolean;
  created_at: Date;
  updated_at: Date;
}

function byId(id: string | undefined, what: string): string {
  if (!id || !UUID.test(id)) throw new HttpError(400, `${what} must be a UUID`);
  return id;
}

function body(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new HttpError(400, "body must be a JSON object");
  return value as Record<string, unknown>;
}

/** Filter validation failures are the caller's: 400 with the reason. */
function checked<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof EngineError) throw new HttpError(400, error.message);
    throw error;
  }
}

/** Event filters (spec §11.4, §12): `hatchet.filters.create/list/get/update/delete`, shaped as `V1Filter`. */
export function filterRoutes(router: Router, ctx: EngineContext, tenantOnly: (tenant: string | undefined) => void): Router {
  const view = (row: FilterRow) => ({
    metadata: { id: row.id, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString() },
    tenantId: ctx.tenantId,
    workflowId: row.workflow_id,
    scope: row.scope,
    expression: row.expression,
    payload: row.payload,
    isDeclarative: row.is_declarative,
  });
  const found = (rows: FilterRow[]) => {
    if (!rows[0]) throw new HttpError(404, "filter not found");
    return { status: 200, body: view(rows[0]) };
  };

  return router
    .on("POST", "/api/v1/stable/tenants/:tenant/filters", async ({ params, body: raw }) => {
      tenantOnly(params.tenant);
      const request = body(raw);
      const workflowId = byId(typeof request.workflowId === "string" ? request.workflowId : undefined, "workflowId");
      const filter = checked(() => validFilter(request, false));
      const { rows: workflows } = await ctx.pool.query("SELECT 1 FROM hatchet.workflows WHERE id = $1 AND tenant_id = $2", [workflowId, ctx.tenantId]);
      if (workflows.length === 0) throw new HttpError(404, "workflow not found");
      const now = ctx.clock.now();
      const { rows } = await ctx.pool.query<FilterRow>(
        `INSERT INTO hatchet.filters (id, tenant_id, workflow_id, scope, expression, payload, is_declarative, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, false, $7, $7) RETURNING *`,
        [randomUUID(), ctx.tenantId, workflowId, filter.scope, filter.expression, JSON.stringify(filter.payload), now],
      );
      return found(rows);
    })
    .on("GET", "/api/v1/stable/tenants/:tenant/filters", async ({ params, query }) => {
      tenantOnly(params.tenant);
      const workflowIds = query.getAll("workflowIds").map((id) => byId(id, "workflowIds[]"));
      const scopes = query.getAll("scopes");
      const limit = Math.min(Number(query.get("limit") ?? 50) || 50, 1000);
      const offset = Math.max(Number(query.get("offset") ?? 0) || 0, 0);
      const where = `tenant_id = $1 AND (cardinality($2::uuid[]) = 0 OR workflow_id = ANY($2)) AND (cardinality($3::text[]) = 0 OR scope = ANY($3))`;
      const { rows } = await ctx.pool.query<FilterRow>(`SELECT * FROM hatchet.filters WHERE ${where} ORDER BY created_at DESC, id LIMIT ${limit} OFFSET ${offset}`, [
        ctx.tenantId,
        workflowIds,
        scopes,
      ]);
      const { rows: count } = await ctx.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM hatchet.filters WHERE ${where}`, [ctx.tenantId, workflowIds, scopes]);
      const total = count[0]?.n ?? 0;
      return { status: 200, body: { rows: rows.map(view), pagination: { current_page: Math.floor(offset / limit) + 1, num_pages: Math.max(1, Math.ceil(total / limit)) } } };
    })
    .on("GET", "/api/v1/stable/tenants/:tenant/filters/:filter", async ({ params }) => {
      tenantOnly(params.tenant);
      const { rows } = await ctx.pool.query<FilterRow>("SELECT * FROM hatchet.filters WHERE id = $1 AND tenant_id = $2", [byId(params.filter, "filter"), ctx.tenantId]);
      return found(rows);
    })
    .on("PATCH", "/api/v1/stable/tenants/:tenant/filters/:filter", async ({ params, body: raw }) => {
      tenantOnly(params.tenant);
      const update = checked(() => validFilter(body(raw), true));
      const { rows } = await ctx.pool.query<FilterRow>(
        `UPDATE hatchet.filters SET scope = COALESCE($3, scope), expression = COALESCE($4, expression), payload = COALESCE($5::jsonb, payload), updated_at = $6
         WHERE id = $1 AND tenant_id = $2 RETURNING *`,
        [byId(params.filter, "filter"), ctx.tenantId, update.scope ?? null, update.expression ?? null, update.payload ? JSON.stringify(update.payload) : null, ctx.clock.now()],
      );
      return found(rows);
    })
    .on("DELETE", "/api/v1/stable/tenants/:tenant/filters/:filter", async ({ params }) => {
      tenantOnly(params.tenant);
      // Hatchet answers with the filter it deleted.
      const { rows } = await ctx.pool.query<FilterRow>("DELETE FROM hatchet.filters WHERE id = $1 AND tenant_id = $2 RETURNING *", [byId(params.filter, "filter"), ctx.tenantId]);
      return found(rows);
    });
}
