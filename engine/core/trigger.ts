import type { TriggerWorkflowRequest } from "@hatchet-dev/typescript-sdk/protoc/v1/shared/trigger";
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Clock } from "../clock";
import { EngineError } from "./errors";
import { latestWorkflow } from "./workflows";

export interface TriggerContext {
  tenantId: string;
  clock: Clock;
  /** Set when an event triggered the run. */
  event?: { id: string; key: string };
}

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

/**
 * Creates a run and its tasks in the caller's transaction: roots QUEUED, the rest PENDING until
 * their parents complete. A child spawned again by a retried parent (same parent task and child
 * key or index) returns the existing run and creates nothing.
 */
export async function triggerRun(client: pg.PoolClient, context: TriggerContext, request: TriggerWorkflowRequest): Promise<string> {
  const input = parseObject(request.input, "input");
  const ownMetadata = parseObject(request.additionalMetadata, "additionalMetadata");
  if (request.priority !== undefined && (request.priority < 1 || request.priority > 3)) throw new EngineError("INVALID_ARGUMENT", "priority must be between 1 and 3");
  const workflow = await latestWorkflow(client, context.tenantId, request.name);
  if (!workflow) throw new EngineError("NOT_FOUND", `workflow ${request.name} not found`);
  const { definition } = workflow;
  const unsupported = [...definition.unsupported, ...definition.tasks.flatMap((t) => t.unsupported)];
  if (unsupported.length > 0) {
    throw new EngineError("UNIMPLEMENTED", `the embedded engine does not run ${[...new Set(unsupported)].join(", ")} yet (workflow ${definition.name})`);
  }

  let metadata = ownMetadata;
  let spawnKey: string | null = null;
  const parentTaskId = request.parentTaskRunExternalId ?? null;
  if (parentTaskId) {
    const parent = await client.query<{ run_id: string; additional_metadata: Record<string, unknown> }>(
      "SELECT t.run_id, r.additional_metadata FROM hatchet.tasks t JOIN hatchet.runs r ON r.id = t.run_id WHERE t.id = $1 AND t.tenant_id = $2",
      [parentTaskId, context.tenantId],
    );
    const row = parent.rows[0];
    if (!row) throw new EngineError("NOT_FOUND", `parent task ${parentTaskId} not found`);
    const inherited = Object.fromEntries(Object.entries(row.additional_metadata).filter(([key]) => !key.startsWith("hatchet__")));
    metadata = { ...inherited, ...ownMetadata, hatchet__parent_workflow_run_id: row.run_id, hatchet__parent_step_run_id: parentTaskId };
    const childKey = request.childKey ?? (request.childIndex !== undefined ? String(request.childIndex) : undefined);
    if (childKey !== undefined) {
      spawnKey = `${parentTaskId}:${childKey}`;
      const existing = await client.query<{ id: string }>("SELECT id FROM hatchet.runs WHERE spawn_key = $1", [spawnKey]);
      if (existing.rows[0]) return existing.rows[0].id;
    }
  }
  if (context.event) metadata = { ...metadata, hatchet__event_id: context.event.id, hatchet__event_key: context.event.key };

  const now = context.clock.now();
  const priority = request.priority ?? definition.defaultPriority ?? 1;
  // Engine source: a one-task workflow's run id is its task id.
  const runId = randomUUID();
  await client.query(
    `INSERT INTO hatchet.runs (id, tenant_id, workflow_id, workflow_version_id, workflow_name, input, additional_metadata, status, priority,
       parent_task_id, child_index, child_key, spawn_key, triggering_event_id, triggering_event_key, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'QUEUED', $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT (spawn_key) DO NOTHING`,
    [
      runId, context.tenantId, workflow.workflowId, workflow.versionId, definition.name, JSON.stringify(input), JSON.stringify(metadata), priority,
      parentTaskId, request.childIndex ?? null, request.childKey ?? null, spawnKey, context.event?.id ?? null, context.event?.key ?? null, now,
    ],
  );
  const single = definition.tasks.length === 1;
  const tasks = [...definition.tasks.map((t) => ({ ...t, kind: "task" })), ...(definition.onFailure ? [{ ...definition.onFailure, kind: "on_failure" }] : [])];
  for (const task of tasks) {
    const root = task.kind === "task" && task.parents.length === 0;
    await client.query(
      `INSERT INTO hatchet.tasks (id, tenant_id, run_id, readable_id, action_id, kind, parents, status, priority, max_retries, backoff_factor,
         backoff_max_seconds, timeout_ms, schedule_timeout_ms, slot_type, slot_cost, desired_worker_id, available_at, queued_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $18)`,
      [
        single && task.kind === "task" ? runId : randomUUID(), context.tenantId, runId, task.readableId, task.action, task.kind, task.parents,
        root ? "QUEUED" : "PENDING", priority, task.retries, task.backoffFactor, task.backoffMaxSeconds, task.timeoutMs, task.scheduleTimeoutMs,
        task.slotType, task.slotCost, request.desiredWorkerId ?? null, now, root ? now : null,
      ],
    );
  }
  return runId;
}
