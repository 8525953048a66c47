import type pg from "pg";
import { v1Status } from "./runs";

interface EventRow {
  id: string;
  key: string;
  payload: unknown;
  additional_metadata: Record<string, unknown>;
  scope: string | null;
  created_at: Date;
}

/** GET /api/v1/stable/tenants/{tenant}/events: stored events with the runs each one triggered. */
export async function listEvents(pool: pg.Pool, tenantId: string, query: URLSearchParams) {
  const conditions = ["e.tenant_id = $1"];
  const params: unknown[] = [tenantId];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    conditions.push(sql.replaceAll("?", `$${params.length}`));
  };
  const since = query.get("since");
  const until = query.get("until");
  if (since) add("e.created_at >= ?", new Date(since));
  if (until) add("e.created_at <= ?", new Date(until));
  if (query.getAll("keys").length) add("e.key = ANY(?)", query.getAll("keys"));
  if (query.getAll("eventIds").length) add("e.id = ANY(?::uuid[])", query.getAll("eventIds").filter((id) => /^[0-9a-f-]{36}$/i.test(id)));
  if (query.getAll("scopes").length) add("e.scope = ANY(?)", query.getAll("scopes"));
  for (const pair of query.getAll("additionalMetadata")) {
    const [key, ...rest] = pair.split(":");
    if (!key || rest.length === 0) continue;
    params.push(key);
    add(`e.additional_metadata ->> $${params.length} = ?`, rest.join(":"));
  }
  const limit = Math.min(Number(query.get("limit") ?? 50) || 50, 1000);
  const offset = Math.max(Number(query.get("offset") ?? 0) || 0, 0);
  const { rows } = await pool.query<EventRow>(
    `SELECT e.id, e.key, e.payload, e.additional_metadata, e.scope, e.created_at FROM hatchet.events e
     WHERE ${conditions.join(" AND ")} ORDER BY e.created_at DESC LIMIT ${limit} OFFSET ${offset}`,
    params,
  );
  const { rows: runs } = await pool.query<{ id: string; status: string; triggering_event_id: string }>(
    "SELECT id, status, triggering_event_id FROM hatchet.runs WHERE triggering_event_id = ANY($1::uuid[])",
    [rows.map((r) => r.id)],
  );
  return {
    rows: rows.map((event) => {
      const triggered = runs.filter((run) => run.triggering_event_id === event.id);
      const count = (status: string) => triggered.filter((run) => v1Status(run.status) === status).length;
      return {
        metadata: { id: event.id, createdAt: event.created_at.toISOString(), updatedAt: event.created_at.toISOString() },
        key: event.key,
        tenantId,
        payload: event.payload,
        additionalMetadata: event.additional_metadata,
        scope: event.scope ?? undefined,
        seenAt: event.created_at.toISOString(),
        triggeredRuns: triggered.map((run) => ({ workflowRunId: run.id })),
        workflowRunSummary: { running: count("RUNNING"), queued: count("QUEUED"), succeeded: count("COMPLETED"), failed: count("FAILED"), cancelled: count("CANCELLED") },
      };
    }),
    pagination: { current_page: Math.floor(offset / limit) + 1, num_pages: 1 },
  };
}
