import type pg from "pg";
import { HttpError } from "./router";

interface RunRow {
  id: string;
  workflow_id: string;
  workflow_name: string;
  status: string;
  input: unknown;
  additional_metadata: Record<string, unknown>;
  created_at: Date;
  finished_at: Date | null;
  parent_task_id: string | null;
}

interface TaskRow {
  id: string;
  run_id: string;
  readable_id: string;
  status: string;
  output: unknown;
  error: string | null;
  retry_count: number;
  created_at: Date;
  assigned_at: Date | null;
  finished_at: Date | null;
  worker_id: string | null;
  children: number;
  evicted: boolean;
}

const V1_STATUS: Record<string, string> = { PENDING: "QUEUED", WAITING: "QUEUED", QUEUED: "QUEUED", RUNNING: "RUNNING", COMPLETED: "COMPLETED", SKIPPED: "COMPLETED", FAILED: "FAILED", CANCELLED: "CANCELLED" };

export function v1Status(status: string): string {
  return V1_STATUS[status] ?? "QUEUED";
}

function taskSummary(task: TaskRow, run: RunRow, tenantId: string) {
  return {
    metadata: { id: task.id, createdAt: task.created_at.toISOString(), updatedAt: (task.finished_at ?? task.created_at).toISOString() },
    taskExternalId: task.id,
    taskId: task.id,
    displayName: task.readable_id,
    status: v1Status(task.status),
    output: task.status === "COMPLETED" ? task.output : undefined,
    errorMessage: task.error ?? undefined,
    retryCount: task.retry_count,
    attempt: task.retry_count + 1,
    numSpawnedChildren: task.children,
    isEvicted: task.evicted,
    createdAt: task.created_at.toISOString(),
    startedAt: task.assigned_at?.toISOString(),
    finishedAt: task.finished_at?.toISOString(),
    workflowId: run.workflow_id,
    workflowName: run.workflow_name,
    workflowRunExternalId: run.id,
    workerId: task.worker_id ?? undefined,
    tenantId,
    additionalMetadata: run.additional_metadata,
    input: run.input,
    type: "TASK",
  };
}

function runSummary(run: RunRow, tasks: TaskRow[], tenantId: string) {
  const output = Object.fromEntries(tasks.filter((t) => t.status === "COMPLETED").map((t) => [t.readable_id, t.output]));
  return {
    metadata: { id: run.id, createdAt: run.created_at.toISOString(), updatedAt: (run.finished_at ?? run.created_at).toISOString() },
    status: v1Status(run.status),
    displayName: run.workflow_name,
    workflowId: run.workflow_id,
    workflowName: run.workflow_name,
    input: run.input,
    output,
    additionalMetadata: run.additional_metadata,
    createdAt: run.created_at.toISOString(),
    startedAt: tasks.map((t) => t.assigned_at).filter((at): at is Date => at !== null).sort((a, b) => a.getTime() - b.getTime())[0]?.toISOString(),
    finishedAt: run.finished_at?.toISOString(),
    errorMessage: tasks.find((t) => t.status === "FAILED")?.error ?? undefined,
    parentTaskExternalId: run.parent_task_id ?? undefined,
    retryCount: Math.max(0, ...tasks.map((t) => t.retry_count)),
    tenantId,
    taskExternalId: tasks[0]?.id,
    type: "DAG",
  };
}

const TASK_COLUMNS = `t.id, t.run_id, t.readable_id, t.status, t.output, t.error, t.retry_count, t.created_at, t.assigned_at, t.finished_at, t.worker_id, t.evicted,
  (SELECT count(*)::int FROM hatchet.runs c WHERE c.parent_task_id = t.id) AS children`;

/** GET /api/v1/stable/workflow-runs/{id}: `{run, taskEvents, shape, tasks}` as the SDK and Hatchet's e2e read them. */
export async function getRunDetails(pool: pg.Pool, tenantId: string, runId: string) {
  const { rows } = await pool.query<RunRow>("SELECT * FROM hatchet.runs WHERE id = $1 AND tenant_id = $2", [runId, tenantId]);
  const run = rows[0];
  if (!run) return undefined;
  const { rows: tasks } = await pool.query<TaskRow>(`SELECT ${TASK_COLUMNS} FROM hatchet.tasks t WHERE t.run_id = $1 AND t.status <> 'SKIPPED' ORDER BY t.created_at`, [runId]);
  const { rows: events } = await pool.query<{ id: string; task_id: string; retry_count: number; event_type: string; message: string; created_at: Date; readable_id: string }>(
    `SELECT e.id, e.task_id, e.retry_count, e.event_type, e.message, e.created_at, t.readable_id
     FROM hatchet.task_events e JOIN hatchet.tasks t ON t.id = e.task_id WHERE t.run_id = $1 ORDER BY e.id DESC`,
    [runId],
  );
  return {
    run: runSummary(run, tasks, tenantId),
    tasks: tasks.map((t) => taskSummary(t, run, tenantId)),
    taskEvents: events.map((e) => ({
      id: Number(e.id),
      taskId: e.task_id,
      taskDisplayName: e.readable_id,
      eventType: e.event_type,
      message: e.message,
      timestamp: e.created_at.toISOString(),
      retryCount: e.retry_count,
      attempt: e.retry_count + 1,
    })),
    shape: tasks.map((t) => ({ taskExternalId: t.id, taskName: t.readable_id, stepId: t.readable_id, childrenStepIds: [] })),
  };
}

/** Internal statuses behind each V1TaskStatus a client filters by. */
function internalStatuses(v1: string[]): string[] {
  return Object.entries(V1_STATUS).filter(([, external]) => v1.includes(external)).map(([internal]) => internal);
}

/**
 * GET /api/v1/stable/tenants/{tenant}/workflow-runs with the filters the SDK sends: runs, or with
 * `only_tasks=true` their tasks (each with its run's metadata and workflow name).
 */
export async function listRuns(pool: pg.Pool, tenantId: string, query: URLSearchParams) {
  const since = query.get("since") ? new Date(query.get("since")!) : new Date(Date.now() - 3_600_000);
  const until = query.get("until") ? new Date(query.get("until")!) : null;
  if (Number.isNaN(since.getTime()) || (until && Number.isNaN(until.getTime()))) throw new HttpError(400, "since and until must be timestamps");
  const statuses = query.getAll("statuses");
  const workflowIds = query.getAll("workflow_ids");
  const metadata = query.getAll("additional_metadata").map((pair) => pair.split(":")).filter((p) => p.length >= 2);
  const limit = Math.min(Number(query.get("limit") ?? 50) || 50, 1000);
  const offset = Math.max(Number(query.get("offset") ?? 0) || 0, 0);
  const parentTask = query.get("parent_task_external_id");
  const triggeringEvent = query.get("triggering_event_external_id");
  const workerId = query.get("worker_id");
  const onlyTasks = query.get("only_tasks") === "true";
  const conditions = ["r.tenant_id = $1", "r.created_at >= $2"];
  const params: unknown[] = [tenantId, since];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    conditions.push(sql.replaceAll("?", `$${params.length}`));
  };
  if (until) add("r.created_at <= ?", until);
  if (workflowIds.length) add("r.workflow_id = ANY(?::uuid[])", workflowIds);
  if (parentTask) add("r.parent_task_id = ?::uuid", parentTask);
  if (triggeringEvent) add("r.triggering_event_id = ?::uuid", triggeringEvent);
  if (workerId) add("EXISTS (SELECT 1 FROM hatchet.tasks w WHERE w.run_id = r.id AND w.worker_id = ?::uuid)", workerId);
  for (const [key, ...rest] of metadata) {
    params.push(key);
    add(`r.additional_metadata ->> $${params.length} = ?`, rest.join(":"));
  }
  const page = { current_page: Math.floor(offset / limit) + 1, num_pages: 1 };
  if (statuses.length) add(onlyTasks ? "t.status = ANY(?)" : "r.status = ANY(?)", internalStatuses(statuses));
  if (onlyTasks) {
    const { rows } = await pool.query<TaskRow & { run: RunRow }>(
      `SELECT ${TASK_COLUMNS}, to_jsonb(r) AS run FROM hatchet.tasks t JOIN hatchet.runs r ON r.id = t.run_id
       WHERE ${conditions.join(" AND ")} AND t.status <> 'SKIPPED' ORDER BY t.created_at DESC, t.id LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    return { rows: rows.map((row) => taskSummary(row, { ...row.run, created_at: new Date(row.run.created_at), finished_at: row.run.finished_at && new Date(row.run.finished_at) }, tenantId)), pagination: page };
  }
  const { rows } = await pool.query<RunRow>(`SELECT r.* FROM hatchet.runs r WHERE ${conditions.join(" AND ")} ORDER BY r.created_at DESC, r.id LIMIT ${limit} OFFSET ${offset}`, params);
  const { rows: tasks } = await pool.query<TaskRow>(`SELECT ${TASK_COLUMNS} FROM hatchet.tasks t WHERE t.run_id = ANY($1) AND t.status <> 'SKIPPED'`, [rows.map((r) => r.id)]);
  return { rows: rows.map((run) => runSummary(run, tasks.filter((t) => t.run_id === run.id), tenantId)), pagination: page };
}
