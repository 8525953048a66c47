import type { DefaultFilter as DefaultFilterProto } from "@hatchet-dev/typescript-sdk/protoc/v1/workflows";
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { assertCelParses, CelExpressionError, evaluateCel } from "../cel";
import { EngineError } from "./errors";

/** A filter declared with the workflow (`defaultFilters`). */
export interface DefaultFilter {
  expression: string;
  scope: string;
  payload: Record<string, unknown>;
}

function payloadObject(value: unknown, what: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw new EngineError("INVALID_ARGUMENT", `${what} must be a JSON object`);
  return value as Record<string, unknown>;
}

export function defaultFiltersOf(filters: DefaultFilterProto[]): DefaultFilter[] {
  return filters.map((filter) => {
    if (!filter.scope) throw new EngineError("INVALID_ARGUMENT", "default filter: scope is required");
    assertCelParses(filter.expression, "default filter");
    let payload: unknown;
    try {
      payload = filter.payload?.length ? JSON.parse(new TextDecoder().decode(filter.payload)) : {};
    } catch {
      throw new EngineError("INVALID_ARGUMENT", "default filter: payload is not valid JSON");
    }
    return { expression: filter.expression, scope: filter.scope, payload: payloadObject(payload, "default filter payload") };
  });
}

/** Checks a filter written over REST: a CEL expression that parses, a scope, an object payload. */
export function validFilter(input: { expression?: unknown; scope?: unknown; payload?: unknown }, partial: boolean): Partial<DefaultFilter> {
  const out: Partial<DefaultFilter> = {};
  if (input.expression !== undefined || !partial) {
    if (typeof input.expression !== "string") throw new EngineError("INVALID_ARGUMENT", "expression must be a string");
    try {
      assertCelParses(input.expression, "filter");
    } catch (error) {
      if (error instanceof CelExpressionError) throw new EngineError("INVALID_ARGUMENT", error.message);
      throw error;
    }
    out.expression = input.expression;
  }
  if (input.scope !== undefined || !partial) {
    if (typeof input.scope !== "string" || !input.scope) throw new EngineError("INVALID_ARGUMENT", "scope must be a non-empty string");
    out.scope = input.scope;
  }
  if (input.payload !== undefined || !partial) out.payload = payloadObject(input.payload, "payload");
  return out;
}

/**
 * Engine source (`workflow.go`): a version that declares default filters replaces the workflow's
 * declarative ones; one that declares none leaves them (and programmatic filters) alone.
 */
export async function replaceDeclarativeFilters(client: pg.PoolClient, tenantId: string, workflowId: string, filters: DefaultFilter[] | undefined, now: Date): Promise<void> {
  if (!filters?.length) return;
  // Registering the same definition again (every worker start) keeps the filters and their ids.
  const { rows } = await client.query<DefaultFilter>("SELECT scope, expression, payload FROM hatchet.filters WHERE tenant_id = $1 AND workflow_id = $2 AND is_declarative", [
    tenantId,
    workflowId,
  ]);
  const set = (list: DefaultFilter[]) => list.map((f) => canonical({ scope: f.scope, expression: f.expression, payload: f.payload })).sort().join("\n");
  if (set(rows) === set(filters)) return;
  await client.query("DELETE FROM hatchet.filters WHERE tenant_id = $1 AND workflow_id = $2 AND is_declarative", [tenantId, workflowId]);
  await client.query(
    `INSERT INTO hatchet.filters (id, tenant_id, workflow_id, scope, expression, payload, is_declarative, created_at, updated_at)
     SELECT f.id, $1, $2, f.scope, f.expression, f.payload::jsonb, true, $3, $3 FROM unnest($4::uuid[], $5::text[], $6::text[], $7::text[]) AS f(id, scope, expression, payload)`,
    [tenantId, workflowId, now, filters.map(() => randomUUID()), filters.map((f) => f.scope), filters.map((f) => f.expression), filters.map((f) => JSON.stringify(f.payload))],
  );
}

/** JSON with object keys sorted: jsonb does not keep the order they were written in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export interface PushedEvent {
  id: string;
  key: string;
  scope: string | null;
  payload: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** One run an event starts for a workflow; `filter` is set when a filter let it through. */
export interface EventRun {
  filter: { id: string; payload: unknown } | null;
}

/**
 * Hatchet's `makeTriggerDecisions`: a workflow without filters gets one run; a workflow with
 * filters gets one run per filter of the event's scope whose CEL is true (an unscoped event, or a
 * scope without filters, starts nothing). Variables: `input` (the event payload),
 * `additional_metadata`, `payload` (the filter's), `event_id`, `event_key`. An empty or failing
 * expression counts as false.
 */
export async function eventRuns(client: pg.PoolClient, tenantId: string, workflowIds: string[], event: PushedEvent): Promise<Map<string, EventRun[]>> {
  const decisions = new Map<string, EventRun[]>(workflowIds.map((id) => [id, [{ filter: null }]]));
  if (workflowIds.length === 0) return decisions;
  const { rows } = await client.query<{ id: string; workflow_id: string; scope: string; expression: string; payload: unknown }>(
    "SELECT id, workflow_id, scope, expression, payload FROM hatchet.filters WHERE tenant_id = $1 AND workflow_id = ANY($2::uuid[]) ORDER BY created_at, id",
    [tenantId, workflowIds],
  );
  for (const workflowId of workflowIds) {
    const filters = rows.filter((f) => f.workflow_id === workflowId);
    if (filters.length === 0) continue;
    const matching = event.scope === null ? [] : filters.filter((f) => f.scope === event.scope && passes(f.expression, f.payload, event));
    decisions.set(workflowId, matching.map((f) => ({ filter: { id: f.id, payload: f.payload } })));
  }
  return decisions;
}

function passes(expression: string, payload: unknown, event: PushedEvent): boolean {
  if (!expression) return false;
  try {
    return evaluateCel(expression, { input: event.payload, additional_metadata: event.metadata, payload: payload ?? {}, event_id: event.id, event_key: event.key }) === true;
  } catch (error) {
    if (error instanceof CelExpressionError) return false;
    throw error;
  }
}
