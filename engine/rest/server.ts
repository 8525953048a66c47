import { createServer, type Server } from "node:http";
import { cancelAction } from "../core/action";
import { cancelTasks } from "../core/cancel";
import type { EngineContext } from "../grpc/context";
import { replayTasks } from "../core/replay";
import { VirtualClock } from "../clock";
import { EngineError } from "../core/errors";
import { branchDurableTask } from "../durable/branch";
import { inTransaction } from "../store/tx";
import { listEvents } from "./events";
import { filterRoutes } from "./filters";
import { rateLimitRoutes } from "./rate-limits";
import { scheduleRoutes } from "./schedules";
import { HttpError, readJsonBody, Router, send } from "./router";
import { getRunDetails, listRuns, v1Status } from "./runs";

type Verify = (authorization: string | undefined) => Promise<string | undefined>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuid(value: string | undefined, what: string): string {
  if (!value || !UUID.test(value)) throw new HttpError(400, `${what} must be a UUID`);
  return value;
}

/** Task ids from `{externalIds}` or `{filter{since, until?, statuses?, workflowIds?, additionalMetadata?}}` (spec §12). */
async function selectTasks(ctx: EngineContext, body: unknown): Promise<string[]> {
  const request = (body ?? {}) as { externalIds?: unknown; filter?: { since?: string; until?: string; statuses?: string[]; workflowIds?: string[]; additionalMetadata?: string[] } };
  if (Array.isArray(request.externalIds)) {
    const ids = request.externalIds.map((id) => uuid(String(id), "externalIds[]"));
    // A run id stands for all its tasks; a task id for itself.
    const { rows } = await ctx.pool.query<{ id: string }>("SELECT id FROM hatchet.tasks WHERE tenant_id = $1 AND (id = ANY($2) OR run_id = ANY($2))", [ctx.tenantId, ids]);
    return rows.map((r) => r.id);
  }
  if (request.filter?.since) {
    const since = new Date(request.filter.since);
    const until = request.filter.until ? new Date(request.filter.until) : null;
    if (Number.isNaN(since.getTime()) || (until && Number.isNaN(until.getTime()))) throw new HttpError(400, "filter.since and filter.until must be timestamps");
    const workflowIds = (request.filter.workflowIds ?? []).map((id) => uuid(String(id), "filter.workflowIds[]"));
    // "key:value" pairs, all of which must match.
    const metadata = Object.fromEntries((request.filter.additionalMetadata ?? []).map((pair) => String(pair).split(/:(.*)/s).slice(0, 2)));
    const { rows } = await ctx.pool.query<{ id: string; status: string }>(
      `SELECT t.id, t.status FROM hatchet.tasks t JOIN hatchet.runs r ON r.id = t.run_id
       WHERE t.tenant_id = $1 AND r.created_at >= $2 AND ($3::timestamptz IS NULL OR r.created_at <= $3) AND (cardinality($4::uuid[]) = 0 OR r.workflow_id = ANY($4))
         AND r.additional_metadata @> $5::jsonb`,
      [ctx.tenantId, since, until, workflowIds, JSON.stringify(metadata)],
    );
    const statuses = request.filter.statuses ?? [];
    return rows.filter((r) => statuses.length === 0 || statuses.includes(v1Status(r.status))).map((r) => r.id);
  }
  throw new HttpError(400, "externalIds or filter.since is required");
}

function routes(ctx: EngineContext): Router {
  const tenantOnly = (tenant: string | undefined) => {
    if (tenant !== ctx.tenantId) throw new HttpError(404, "tenant not found");
  };
  return scheduleRoutes(filterRoutes(rateLimitRoutes(new Router(), ctx, tenantOnly), ctx, tenantOnly), ctx, tenantOnly)
    .on("GET", "/api/v1/tenants/:tenant", async ({ params }) => {
      tenantOnly(params.tenant);
      return { status: 200, body: { metadata: { id: ctx.tenantId }, name: "default", slug: "default", version: "V1" } };
    })
    .on("GET", "/api/v1/tenants/:tenant/worker", async ({ params }) => {
      tenantOnly(params.tenant);
      const { rows } = await ctx.pool.query("SELECT * FROM hatchet.workers WHERE tenant_id = $1 ORDER BY created_at DESC", [ctx.tenantId]);
      return { status: 200, body: { rows: rows.map((w) => workerView(ctx, w)), pagination: { current_page: 1, num_pages: 1 } } };
    })
    .on("GET", "/api/v1/workers/:worker", async ({ params }) => {
      const { rows } = await ctx.pool.query("SELECT * FROM hatchet.workers WHERE id = $1 AND tenant_id = $2", [uuid(params.worker, "worker"), ctx.tenantId]);
      if (!rows[0]) throw new HttpError(404, "worker not found");
      return { status: 200, body: workerView(ctx, rows[0]) };
    })
    .on("PATCH", "/api/v1/workers/:worker", async ({ params, body }) => {
      const isPaused = (body as { isPaused?: unknown } | undefined)?.isPaused;
      if (typeof isPaused !== "boolean") throw new HttpError(400, "isPaused must be a boolean");
      const { rows } = await ctx.pool.query("UPDATE hatchet.workers SET paused = $3 WHERE id = $1 AND tenant_id = $2 RETURNING *", [uuid(params.worker, "worker"), ctx.tenantId, isPaused]);
      if (!rows[0]) throw new HttpError(404, "worker not found");
      if (!isPaused) ctx.hub.wake();
      return { status: 200, body: workerView(ctx, rows[0]) };
    })
    // `name` is a search, as Hatchet's: the SDK resolves a name to the exact match among the rows,
    // else the first (a namespaced workflow found by its bare name).
    .on("GET", "/api/v1/tenants/:tenant/workflows", async ({ params, query }) => {
      tenantOnly(params.tenant);
      const name = query.get("name");
      const { rows } = await ctx.pool.query<{ id: string; name: string; created_at: Date }>(
        "SELECT id, name, created_at FROM hatchet.workflows WHERE tenant_id = $1 AND ($2::text IS NULL OR strpos(name, lower($2)) > 0) ORDER BY (name = lower($2)) DESC, name",
        [ctx.tenantId, name],
      );
      return { status: 200, body: { rows: rows.map((w) => ({ metadata: { id: w.id, createdAt: w.created_at.toISOString(), updatedAt: w.created_at.toISOString() }, name: w.name })), pagination: { current_page: 1, num_pages: 1 } } };
    })
    .on("GET", "/api/v1/stable/workflow-runs/:run", async ({ params }) => {
      const details = await getRunDetails(ctx.pool, ctx.tenantId, uuid(params.run, "run"));
      if (!details) throw new HttpError(404, "run not found");
      return { status: 200, body: details };
    })
    .on("GET", "/api/v1/stable/workflow-runs/:run/status", async ({ params }) => {
      const { rows } = await ctx.pool.query<{ status: string }>("SELECT status FROM hatchet.runs WHERE id = $1 AND tenant_id = $2", [uuid(params.run, "run"), ctx.tenantId]);
      if (!rows[0]) throw new HttpError(404, "run not found");
      return { status: 200, body: v1Status(rows[0].status) };
    })
    .on("GET", "/api/v1/stable/tenants/:tenant/workflow-runs", async ({ params, query }) => {
      tenantOnly(params.tenant);
      return { status: 200, body: await listRuns(ctx.pool, ctx.tenantId, query) };
    })
    .on("POST", "/api/v1/stable/tenants/:tenant/tasks/cancel", async ({ params, body }) => {
      tenantOnly(params.tenant);
      const ids = await selectTasks(ctx, body);
      const result = await inTransaction(ctx.pool, (client) => cancelTasks(client, ctx.clock, ids, "CANCELLED_BY_USER"));
      for (const attempt of result.running) ctx.hub.send(attempt.workerId, cancelAction({ ...attempt, tenantId: ctx.tenantId }));
      for (const runId of result.runsFinished) ctx.hub.runFinished(runId);
      return { status: 200, body: { ids } };
    })
    .on("POST", "/api/v1/stable/tenants/:tenant/tasks/replay", async ({ params, body }) => {
      tenantOnly(params.tenant);
      const ids = await selectTasks(ctx, body);
      const replayed = await inTransaction(ctx.pool, (client) => replayTasks(client, ctx.clock, ids));
      ctx.hub.wake();
      return { status: 200, body: { ids: replayed } };
    })
    .on("POST", "/api/v1/stable/tasks/:task/restore", async ({ params }) => {
      const taskId = uuid(params.task, "task");
      const { rows } = await ctx.pool.query<{ durable: boolean }>("SELECT durable FROM hatchet.tasks WHERE id = $1 AND tenant_id = $2", [taskId, ctx.tenantId]);
      if (!rows[0]?.durable) throw new HttpError(404, "no durable task with that id");
      // Idempotent: restoring a task that is no longer evicted (a second restore) changes nothing.
      return { status: 200, body: { requeued: await ctx.durable.restore(taskId) } };
    })
    .on("POST", "/api/v1/stable/tenants/:tenant/durable-tasks/branch", async ({ params, body }) => {
      tenantOnly(params.tenant);
      const request = (body ?? {}) as { taskExternalId?: unknown; nodeId?: unknown; branchId?: unknown };
      if (typeof request.taskExternalId !== "string" || typeof request.nodeId !== "number") throw new HttpError(400, "taskExternalId and nodeId are required");
      const taskId = uuid(request.taskExternalId, "taskExternalId");
      const result = await inTransaction(ctx.pool, (client) =>
        branchDurableTask(client, ctx.clock, ctx.tenantId, taskId, request.nodeId as number, typeof request.branchId === "number" ? request.branchId : undefined),
      ).catch((error: unknown) => {
        if (error instanceof EngineError) throw new HttpError(error.code === "NOT_FOUND" ? 404 : error.code === "FAILED_PRECONDITION" ? 409 : 400, error.message);
        throw error;
      });
      ctx.hub.wake();
      return { status: 200, body: { taskExternalId: taskId, nodeId: request.nodeId, branchId: result.branchId } };
    })
    // Time control over HTTP, for an engine in its own process on a virtual clock (simulations, demos).
    .on("POST", "/api/v1/engine/clock", async ({ body }) => {
      const clock = ctx.clock;
      if (!(clock instanceof VirtualClock)) throw new HttpError(409, "this engine runs on real time (start it with ENGINE_VIRTUAL_CLOCK=1)");
      const to = (body as { advanceTo?: unknown } | undefined)?.advanceTo;
      const moment = typeof to === "string" ? new Date(to) : undefined;
      if (!moment || Number.isNaN(moment.getTime())) throw new HttpError(400, "advanceTo must be an ISO timestamp");
      if (moment.getTime() > clock.now().getTime()) clock.advanceTo(moment);
      return { status: 200, body: { now: clock.now().toISOString() } };
    })
    .on("GET", "/api/v1/engine/clock", async () => ({ status: 200, body: { now: ctx.clock.now().toISOString(), virtual: ctx.clock instanceof VirtualClock } }))
    .on("GET", "/api/v1/stable/tenants/:tenant/events", async ({ params, query }) => {
      tenantOnly(params.tenant);
      return { status: 200, body: await listEvents(ctx.pool, ctx.tenantId, query) };
    })
    .on("GET", "/api/v1/stable/tasks/:task/logs", async ({ params }) => {
      const { rows } = await ctx.pool.query<{ message: string; level: string; created_at: Date; retry_count: number }>(
        "SELECT message, level, created_at, retry_count FROM hatchet.logs WHERE task_id = $1 ORDER BY id",
        [uuid(params.task, "task")],
      );
      return { status: 200, body: { rows: rows.map((r) => ({ message: r.message, level: r.level, createdAt: r.created_at.toISOString(), retryCount: r.retry_count, attempt: r.retry_count + 1 })) } };
    });
}

function workerView(ctx: EngineContext, worker: Record<string, unknown>) {
  const lastHeartbeat = worker.last_heartbeat_at as Date;
  const listening = ctx.hub.listeningWorkers().includes(worker.id as string);
  const alive = listening && Date.now() - lastHeartbeat.getTime() < 30_000;
  const labels = Object.entries((worker.labels ?? {}) as Record<string, { strValue?: string; intValue?: number }>).map(([key, value]) => ({ key, value: String(value.strValue ?? value.intValue ?? "") }));
  return {
    metadata: { id: worker.id, createdAt: (worker.created_at as Date).toISOString(), updatedAt: lastHeartbeat.toISOString() },
    name: worker.name,
    type: "SELFHOSTED",
    status: worker.paused ? "PAUSED" : alive ? "ACTIVE" : "INACTIVE",
    lastHeartbeatAt: lastHeartbeat.toISOString(),
    actions: worker.actions,
    labels,
    slotConfig: worker.slot_config,
  };
}

/** The REST subset the SDK calls (spec §12), behind the same bearer token as gRPC. */
export async function startRestServer(ctx: EngineContext, verify: Verify, port: number): Promise<{ port: number; server: Server }> {
  const router = routes(ctx);
  const server = createServer((request, response) => {
    void (async () => {
      try {
        const url = new URL(request.url ?? "/", "http://engine");
        const route = router.match(request.method ?? "GET", url.pathname);
        if (!route) throw new HttpError(404, `no route for ${request.method} ${url.pathname}`);
        if (!(await verify(request.headers.authorization))) throw new HttpError(401, "missing or invalid bearer token");
        const body = await readJsonBody(request);
        const result = await route.handler({ method: request.method ?? "GET", params: route.params, query: url.searchParams, body });
        send(response, result.status, result.body);
      } catch (error) {
        if (error instanceof HttpError) send(response, error.status, { errors: [{ description: error.message }] });
        // invalid_text_representation: a malformed id or timestamp in the query string.
        else if ((error as { code?: string }).code === "22P02" || (error as { code?: string }).code === "22007") send(response, 400, { errors: [{ description: "malformed identifier or timestamp" }] });
        else {
          console.error("[engine] REST error:", error);
          send(response, 500, { errors: [{ description: "internal engine error" }] });
        }
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  return { port: typeof address === "object" && address ? address.port : port, server };
}
