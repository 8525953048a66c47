import { createCron, createScheduledRun, type CronRow, type ScheduledRunRow } from "../core/schedules";
import { latestWorkflow } from "../core/workflows";
import { EngineError } from "../core/errors";
import type { EngineContext } from "../grpc/context";
import { HttpError, type Router } from "./router";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function object(value: unknown, what: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw new HttpError(400, `${what} must be a JSON object`);
  return value as Record<string, unknown>;
}

function priority(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (value !== 1 && value !== 2 && value !== 3) throw new HttpError(400, "priority must be 1, 2 or 3");
  return value;
}

function meta(row: { id: string; created_at: Date }) {
  return { id: row.id, createdAt: row.created_at.toISOString(), updatedAt: row.created_at.toISOString() };
}

async function workflowNamed(ctx: EngineContext, name: string | undefined) {
  const workflow = name ? await latestWorkflow(ctx.pool, ctx.tenantId, name) : undefined;
  if (!workflow) throw new HttpError(404, `workflow ${name} not found`);
  return workflow;
}

/** Scheduled runs and crons (spec §12): `wf.schedule`, `wf.delay`, `wf.cron`, `hatchet.scheduled.*`, `hatchet.crons.*`. */
export function scheduleRoutes(router: Router, ctx: EngineContext, tenantOnly: (tenant: string | undefined) => void): Router {
  const ids = async () => new Map((await ctx.pool.query<{ id: string; name: string; version: string }>(
    "SELECT id, name, latest_version_id AS version FROM hatchet.workflows WHERE tenant_id = $1", [ctx.tenantId])).rows.map((w) => [w.name, w]));
  const scheduledView = (row: ScheduledRunRow, workflows: Map<string, { id: string; version: string }>) => ({
    metadata: meta(row),
    tenantId: ctx.tenantId,
    workflowId: workflows.get(row.workflow_name)?.id ?? "",
    workflowVersionId: workflows.get(row.workflow_name)?.version ?? "",
    workflowName: row.workflow_name,
    triggerAt: row.trigger_at.toISOString(),
    input: row.input,
    additionalMetadata: row.additional_metadata,
    priority: row.priority ?? undefined,
    method: "API",
    workflowRunId: row.run_id ?? undefined,
    workflowRunCreatedAt: row.fired_at?.toISOString(),
  });
  const cronView = (row: CronRow, workflows: Map<string, { id: string; version: string }>) => ({
    metadata: meta(row),
    tenantId: ctx.tenantId,
    workflowId: workflows.get(row.workflow_name)?.id ?? "",
    workflowVersionId: workflows.get(row.workflow_name)?.version ?? "",
    workflowName: row.workflow_name,
    name: row.name,
    cron: row.expression,
    input: row.input,
    additionalMetadata: row.additional_metadata,
    priority: row.priority ?? undefined,
    enabled: row.enabled,
    method: row.method,
  });
  const page = (query: URLSearchParams) => ({
    limit: Math.min(Number(query.get("limit") ?? 50) || 50, 1000),
    offset: Math.max(Number(query.get("offset") ?? 0) || 0, 0),
  });
  const byId = (id: string | undefined) => {
    if (!id || !UUID.test(id)) throw new HttpError(400, "id must be a UUID");
    return id;
  };

  return router
    .on("POST", "/api/v1/tenants/:tenant/workflows/:workflow/scheduled", async ({ params, body }) => {
      tenantOnly(params.tenant);
      const request = object(body, "body");
      const triggerAt = new Date(String(request.triggerAt));
      if (typeof request.triggerAt !== "string" || Number.isNaN(triggerAt.getTime())) throw new HttpError(400, "triggerAt must be a timestamp");
      const workflow = await workflowNamed(ctx, params.workflow);
      const row = await createScheduledRun(ctx.pool, ctx.tenantId, ctx.clock, {
        workflowName: workflow.definition.name,
        triggerAt,
        input: object(request.input, "input"),
        additionalMetadata: object(request.additionalMetadata, "additionalMetadata"),
        priority: priority(request.priority),
      });
      ctx.hub.wake();
      return { status: 200, body: scheduledView(row, await ids()) };
    })
    .on("GET", "/api/v1/tenants/:tenant/workflows/scheduled", async ({ params, query }) => {
      tenantOnly(params.tenant);
      const { limit, offset } = page(query);
      const { rows } = await ctx.pool.query<ScheduledRunRow>(
        `SELECT * FROM hatchet.scheduled_runs WHERE tenant_id = $1 ORDER BY trigger_at LIMIT ${limit} OFFSET ${offset}`, [ctx.tenantId]);
      const workflows = await ids();
      return { status: 200, body: { rows: rows.map((r) => scheduledView(r, workflows)), pagination: { current_page: Math.floor(offset / limit) + 1, num_pages: 1 } } };
    })
    .on("GET", "/api/v1/tenants/:tenant/workflows/scheduled/:id", async ({ params }) => {
      tenantOnly(params.tenant);
      const { rows } = await ctx.pool.query<ScheduledRunRow>("SELECT * FROM hatchet.scheduled_runs WHERE id = $1 AND tenant_id = $2", [byId(params.id), ctx.tenantId]);
      if (!rows[0]) throw new HttpError(404, "scheduled run not found");
      return { status: 200, body: scheduledView(rows[0], await ids()) };
    })
    .on("DELETE", "/api/v1/tenants/:tenant/workflows/scheduled/:id", async ({ params }) => {
      tenantOnly(params.tenant);
      const { rowCount } = await ctx.pool.query("DELETE FROM hatchet.scheduled_runs WHERE id = $1 AND tenant_id = $2", [byId(params.id), ctx.tenantId]);
      if (!rowCount) throw new HttpError(404, "scheduled run not found");
      return { status: 204, body: undefined };
    })
    .on("POST", "/api/v1/tenants/:tenant/workflows/:workflow/crons", async ({ params, body }) => {
      tenantOnly(params.tenant);
      const request = object(body, "body");
      if (typeof request.cronName !== "string" || !request.cronName) throw new HttpError(400, "cronName is required");
      if (typeof request.cronExpression !== "string") throw new HttpError(400, "cronExpression is required");
      const workflow = await workflowNamed(ctx, params.workflow);
      try {
        const row = await createCron(ctx.pool, ctx.tenantId, ctx.clock, {
          workflowName: workflow.definition.name,
          name: request.cronName,
          expression: request.cronExpression,
          input: object(request.input, "input"),
          additionalMetadata: object(request.additionalMetadata, "additionalMetadata"),
          priority: priority(request.priority),
          method: "API",
        });
        return { status: 200, body: cronView(row, await ids()) };
      } catch (error) {
        if (error instanceof EngineError) throw new HttpError(400, error.message);
        throw error;
      }
    })
    .on("GET", "/api/v1/tenants/:tenant/workflows/crons", async ({ params, query }) => {
      tenantOnly(params.tenant);
      const { limit, offset } = page(query);
      const { rows } = await ctx.pool.query<CronRow>(`SELECT * FROM hatchet.crons WHERE tenant_id = $1 ORDER BY workflow_name, name LIMIT ${limit} OFFSET ${offset}`, [ctx.tenantId]);
      const workflows = await ids();
      return { status: 200, body: { rows: rows.map((r) => cronView(r, workflows)), pagination: { current_page: Math.floor(offset / limit) + 1, num_pages: 1 } } };
    })
    .on("GET", "/api/v1/tenants/:tenant/workflows/crons/:id", async ({ params }) => {
      tenantOnly(params.tenant);
      const { rows } = await ctx.pool.query<CronRow>("SELECT * FROM hatchet.crons WHERE id = $1 AND tenant_id = $2", [byId(params.id), ctx.tenantId]);
      if (!rows[0]) throw new HttpError(404, "cron not found");
      return { status: 200, body: cronView(rows[0], await ids()) };
    })
    .on("DELETE", "/api/v1/tenants/:tenant/workflows/crons/:id", async ({ params }) => {
      tenantOnly(params.tenant);
      const { rowCount } = await ctx.pool.query("DELETE FROM hatchet.crons WHERE id = $1 AND tenant_id = $2", [byId(params.id), ctx.tenantId]);
      if (!rowCount) throw new HttpError(404, "cron not found");
      return { status: 204, body: undefined };
    });
}
