import type { TriggerWorkflowRequest } from "@hatchet-dev/typescript-sdk/protoc/v1/shared/trigger";
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Clock } from "../clock";
import { EngineError } from "./errors";
import { CelExpressionError, evaluateCelKey } from "../cel";
import type { HeldKey } from "./concurrency";
import type { ConcurrencyEntry } from "./definition";
import { claimIdempotencyKeys, IdempotencyCollision, idempotencyKey, type KeyClaim } from "./idempotency";
import { rateLimitClaims, upsertRateLimits, type RateLimitClaim } from "./rate-limits";
import { latestWorkflow, type LatestWorkflow } from "./workflows";

export interface TriggerContext {
  tenantId: string;
  clock: Clock;
  /** Set when an event triggered the runs. */
  event?: { id: string; key: string };
}

/** A trigger; an event's runs also name the filter that let them through (spec §11.4). */
export type TriggerRequest = TriggerWorkflowRequest & { filter?: { id: string; payload: unknown } | null };

function parseObject(text: string | undefined, what: string): Record<string, unknown> {
  if (text === undefined || text === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new EngineError("INVALID_ARGUMENT", `${what} is not valid JSON`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new EngineError("INVALID_ARGUMENT", `${what} must be a JSON object`);
  return value as Record<string, unknown>;
}

interface PlannedRun {
  id: string;
  concurrency: HeldKey[];
  taskConcurrency: Map<string, HeldKey[]>;
  workflow: LatestWorkflow;
  input: Record<string, unknown>;
  metadata: Record<string, unknown>;
  priority: number;
  parentTaskId: string | null;
  childIndex: number | null;
  childKey: string | null;
  spawnKey: string | null;
  desiredWorkerId: string | null;
  idempotency: Omit<KeyClaim, "runId"> | null;
  filter: { id: string; payload: unknown } | null;
  taskRateLimits: Map<string, RateLimitClaim[]>;
}

/**
 * Creates runs and their tasks in the caller's transaction, many at once: roots QUEUED, the rest
 * PENDING until their parents complete. Returns, per request, the run id or the error that
 * request alone deserves (unknown workflow, bad JSON, …). A child spawned again by a retried
 * parent (same parent task and child key or index) gets the existing run and creates nothing.
 */
export async function triggerRuns(client: pg.PoolClient, context: TriggerContext, requests: TriggerRequest[]): Promise<(string | EngineError)[]> {
  const workflows = new Map<string, Promise<LatestWorkflow | undefined>>();
  const workflowNamed = (name: string) => {
    let found = workflows.get(name);
    if (!found) workflows.set(name, (found = latestWorkflow(client, context.tenantId, name)));
    return found;
  };
  const parentIds = [...new Set(requests.map((r) => r.parentTaskRunExternalId).filter((id): id is string => !!id))];
  const parents = new Map<string, { run_id: string; additional_metadata: Record<string, unknown> }>();
  if (parentIds.length > 0) {
    const { rows } = await client.query<{ id: string; run_id: string; additional_metadata: Record<string, unknown> }>(
      "SELECT t.id, t.run_id, r.additional_metadata FROM hatchet.tasks t JOIN hatchet.runs r ON r.id = t.run_id WHERE t.id = ANY($1::uuid[]) AND t.tenant_id = $2",
      [parentIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id)), context.tenantId],
    );
    for (const row of rows) parents.set(row.id, row);
  }

  const results: (string | EngineError)[] = [];
  const planned: PlannedRun[] = [];
  const bySpawnKey = new Map<string, PlannedRun>();
  for (const request of requests) {
    try {
      const run = await plan(request);
      const twin = run.spawnKey ? bySpawnKey.get(run.spawnKey) : undefined;
      if (twin) {
        results.push(twin.id);
        continue;
      }
      if (run.spawnKey) bySpawnKey.set(run.spawnKey, run);
      planned.push(run);
      results.push(run.id);
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      results.push(error);
    }
  }

  async function plan(request: TriggerRequest): Promise<PlannedRun> {
    const input = parseObject(request.input, "input");
    const ownMetadata = parseObject(request.additionalMetadata, "additionalMetadata");
    if (request.priority !== undefined && (request.priority < 1 || request.priority > 3)) throw new EngineError("INVALID_ARGUMENT", "priority must be between 1 and 3");
    const workflow = await workflowNamed(request.name);
    if (!workflow) throw new EngineError("NOT_FOUND", `workflow ${request.name} not found`);
    const { definition } = workflow;
    const unsupported = [...definition.unsupported, ...definition.tasks.flatMap((t) => t.unsupported)];
    // Placing the run on any worker would break the placement it asks for.
    if (Object.keys(request.desiredWorkerLabels ?? {}).length > 0) unsupported.push("worker affinity labels");
    if (unsupported.length > 0) {
      throw new EngineError("UNIMPLEMENTED", `the embedded engine does not run ${[...new Set(unsupported)].join(", ")} yet (workflow ${definition.name})`);
    }
    let metadata = ownMetadata;
    let spawnKey: string | null = null;
    const parentTaskId = request.parentTaskRunExternalId || null;
    if (parentTaskId) {
      const parent = parents.get(parentTaskId);
      if (!parent) throw new EngineError("NOT_FOUND", `parent task ${parentTaskId} not found`);
      const inherited = Object.fromEntries(Object.entries(parent.additional_metadata).filter(([key]) => !key.startsWith("hatchet__")));
      metadata = { ...inherited, ...ownMetadata, hatchet__parent_workflow_run_id: parent.run_id, hatchet__parent_step_run_id: parentTaskId };
      const childKey = request.childKey ?? (request.childIndex !== undefined ? String(request.childIndex) : undefined);
      if (childKey !== undefined) spawnKey = `${parentTaskId}:${childKey}`;
    }
    if (context.event) metadata = { ...metadata, hatchet__event_id: context.event.id, hatchet__event_key: context.event.key };
    const id = randomUUID();
    const celInput = { input, additional_metadata: metadata };
    const idempotency = definition.idempotency
      ? { key: idempotencyKey(definition.idempotency, celInput), method: definition.idempotency.method, expiresAt: new Date(context.clock.now().getTime() + definition.idempotency.ttlMs) }
      : null;
    const keys = (scope: string, entries: ConcurrencyEntry[] | undefined, variables: Record<string, unknown>): HeldKey[] =>
      (entries ?? []).map((entry, index) => {
        try {
          return { key: `${scope}|${index}|${evaluateCelKey(entry.expression, variables)}`, maxRuns: entry.maxRuns, strategy: entry.strategy };
        } catch (error) {
          if (error instanceof CelExpressionError) throw new EngineError("INVALID_ARGUMENT", `concurrency key: ${error.message}`);
          throw error;
        }
      });
    return {
      id,
      concurrency: keys(`wf:${definition.name}`, definition.concurrency, { input, additional_metadata: metadata, workflow_run_id: id }),
      taskConcurrency: new Map(definition.tasks.map((task) => [task.readableId, keys(`task:${task.action}`, task.concurrency, { input, additional_metadata: metadata })])),
      workflow,
      input,
      metadata,
      priority: request.priority ?? definition.defaultPriority ?? 1,
      parentTaskId,
      childIndex: request.childIndex ?? null,
      childKey: request.childKey ?? null,
      spawnKey,
      desiredWorkerId: request.desiredWorkerId ?? null,
      idempotency,
      filter: request.filter ?? null,
      taskRateLimits: new Map([...definition.tasks, ...(definition.onFailure ? [definition.onFailure] : [])].map((task) => [task.readableId, rateLimitClaims(task.rateLimits, celInput)])),
    };
  }

  // Children that exist already (a retried parent spawning again) keep their run.
  const spawnKeys = planned.map((run) => run.spawnKey).filter((key): key is string => key !== null);
  if (spawnKeys.length > 0) {
    const { rows } = await client.query<{ id: string; spawn_key: string }>("SELECT id, spawn_key FROM hatchet.runs WHERE spawn_key = ANY($1)", [spawnKeys]);
    const existing = new Map(rows.map((row) => [row.spawn_key, row.id]));
    for (let i = 0; i < results.length; i++) {
      const run = planned.find((p) => p.id === results[i]);
      const existingId = run?.spawnKey ? existing.get(run.spawnKey) : undefined;
      if (existingId) results[i] = existingId;
    }
    for (let i = planned.length - 1; i >= 0; i--) if (existing.has(planned[i]!.spawnKey ?? "")) planned.splice(i, 1);
  }
  // A run whose idempotency key another run holds is not created (spec §6.3).
  const keyed = planned.filter((run) => run.idempotency);
  if (keyed.length > 0) {
    const refused = await claimIdempotencyKeys(client, context.tenantId, context.clock.now(), keyed.map((run) => ({ ...run.idempotency!, runId: run.id })));
    for (let i = 0; i < results.length; i++) {
      const holder = refused.get(results[i] as string);
      if (holder !== undefined) results[i] = new IdempotencyCollision(holder, results[i] as string);
    }
    for (let i = planned.length - 1; i >= 0; i--) if (refused.has(planned[i]!.id)) planned.splice(i, 1);
  }
  const dynamicLimits = planned.flatMap((run) => [...run.taskRateLimits.values()].flat()).filter((claim) => claim.limit >= 0);
  await upsertRateLimits(client, context.tenantId, dynamicLimits);
  if (planned.length > 0) await insertRuns(client, context, planned);
  return results;
}

async function insertRuns(client: pg.PoolClient, context: TriggerContext, runs: PlannedRun[]): Promise<void> {
  const now = context.clock.now();
  const column = <T>(pick: (run: PlannedRun) => T) => runs.map(pick);
  await client.query(
    `INSERT INTO hatchet.runs (id, tenant_id, workflow_id, workflow_version_id, workflow_name, input, additional_metadata, status, priority,
       parent_task_id, child_index, child_key, spawn_key, triggering_event_id, triggering_event_key, created_at, concurrency, concurrency_keys, filter_id, filter_payload)
     SELECT r.id, $1, r.workflow_id, r.version_id, r.name, r.input::jsonb, r.metadata::jsonb, 'QUEUED', r.priority, r.parent_task_id, r.child_index, r.child_key,
       r.spawn_key, $2, $3, $4, r.concurrency::jsonb, ARRAY(SELECT e ->> 'key' FROM jsonb_array_elements(r.concurrency::jsonb) e), r.filter_id, r.filter_payload::jsonb
     FROM unnest($5::uuid[], $6::uuid[], $7::uuid[], $8::text[], $9::text[], $10::text[], $11::int[], $12::uuid[], $13::int[], $14::text[], $15::text[], $16::text[],
       $17::uuid[], $18::text[])
       AS r(id, workflow_id, version_id, name, input, metadata, priority, parent_task_id, child_index, child_key, spawn_key, concurrency, filter_id, filter_payload)`,
    [
      context.tenantId, context.event?.id ?? null, context.event?.key ?? null, now,
      column((r) => r.id), column((r) => r.workflow.workflowId), column((r) => r.workflow.versionId), column((r) => r.workflow.definition.name),
      column((r) => JSON.stringify(r.input)), column((r) => JSON.stringify(r.metadata)), column((r) => r.priority), column((r) => r.parentTaskId),
      column((r) => r.childIndex), column((r) => r.childKey), column((r) => r.spawnKey), column((r) => JSON.stringify(r.concurrency)),
      column((r) => r.filter?.id ?? null), column((r) => (r.filter ? JSON.stringify(r.filter.payload ?? null) : null)),
    ],
  );
  const tasks = runs.flatMap((run) => {
    const { definition } = run.workflow;
    // Engine source: a one-task workflow's run id is its task id.
    const single = definition.tasks.length === 1;
    return [...definition.tasks.map((t) => ({ ...t, kind: "task" })), ...(definition.onFailure ? [{ ...definition.onFailure, kind: "on_failure" }] : [])].map((task) => ({
      id: single && task.kind === "task" ? run.id : randomUUID(),
      run,
      task,
      root: task.kind === "task" && task.parents.length === 0,
    }));
  });
  const col = <T>(pick: (t: (typeof tasks)[number]) => T) => tasks.map(pick);
  await client.query(
    `INSERT INTO hatchet.tasks (id, tenant_id, run_id, readable_id, action_id, kind, parents, status, priority, max_retries, backoff_factor,
       backoff_max_seconds, timeout_ms, schedule_timeout_ms, slot_type, slot_cost, desired_worker_id, available_at, queued_at, created_at, concurrency, concurrency_keys,
       rate_limits, durable, conditions, run_concurrency)
     SELECT t.id, $1, t.run_id, t.readable_id, t.action_id, t.kind, ARRAY(SELECT jsonb_array_elements_text(t.parents::jsonb)), CASE WHEN t.root THEN 'QUEUED' ELSE 'PENDING' END,
       t.priority, t.max_retries, t.backoff_factor, t.backoff_max_seconds, t.timeout_ms, t.schedule_timeout_ms, t.slot_type, t.slot_cost, t.desired_worker_id,
       $2, CASE WHEN t.root THEN $2::timestamptz END, $2, t.concurrency::jsonb, ARRAY(SELECT e ->> 'key' FROM jsonb_array_elements(t.concurrency::jsonb) e),
       t.rate_limits::jsonb, t.durable, t.conditions::jsonb, t.run_concurrency
     FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::boolean[], $10::int[], $11::int[], $12::float8[], $13::int[],
       $14::int[], $15::int[], $16::text[], $17::int[], $18::uuid[], $19::text[], $20::text[], $21::boolean[], $22::text[], $23::boolean[])
       AS t(id, run_id, readable_id, action_id, kind, parents, root, priority, max_retries, backoff_factor, backoff_max_seconds, timeout_ms,
         schedule_timeout_ms, slot_type, slot_cost, desired_worker_id, concurrency, rate_limits, durable, conditions, run_concurrency)`,
    [
      context.tenantId, now,
      col((t) => t.id), col((t) => t.run.id), col((t) => t.task.readableId), col((t) => t.task.action), col((t) => t.task.kind), col((t) => JSON.stringify(t.task.parents)),
      col((t) => t.root), col((t) => t.run.priority), col((t) => t.task.retries), col((t) => t.task.backoffFactor), col((t) => t.task.backoffMaxSeconds),
      col((t) => t.task.timeoutMs), col((t) => t.task.scheduleTimeoutMs), col((t) => t.task.slotType), col((t) => t.task.slotCost), col((t) => t.run.desiredWorkerId),
      col((t) => JSON.stringify(t.run.taskConcurrency.get(t.task.readableId) ?? [])),
      col((t) => JSON.stringify(t.run.taskRateLimits.get(t.task.readableId) ?? [])),
      col((t) => t.task.durable ?? false),
      col((t) => (t.task.conditions ? JSON.stringify(t.task.conditions) : null)),
      col((t) => t.run.concurrency.length > 0),
    ],
  );
}
