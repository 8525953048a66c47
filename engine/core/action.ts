import { ActionType, type AssignedAction } from "@hatchet-dev/typescript-sdk/protoc/dispatcher/dispatcher";
import type pg from "pg";

interface AssignmentRow {
  id: string;
  run_id: string;
  readable_id: string;
  action_id: string;
  kind: string;
  parents: string[];
  retry_count: number;
  priority: number;
  tenant_id: string;
  /** JSON text, passed on as it is stored. */
  input: string;
  additional_metadata: string;
  workflow_id: string;
  workflow_version_id: string;
  child_index: number | null;
  child_key: string | null;
  parent_task_id: string | null;
  triggering_event_id: string | null;
  triggering_event_key: string | null;
  durable: boolean;
  invocation: number;
  triggers: Record<string, unknown> | null;
  filter_payload: unknown;
}

/**
 * Builds the START_STEP_RUN messages for assigned tasks (spec §7.1-7.2): the payload carries the
 * run input, completed parents' outputs, and for on-failure tasks the failed tasks' errors.
 */
export async function buildAssignedActions(client: pg.Pool | pg.PoolClient, taskIds: string[]): Promise<Map<string, AssignedAction>> {
  const { rows } = await client.query<AssignmentRow>(
    `SELECT t.id, t.run_id, t.readable_id, t.action_id, t.kind, t.parents, t.retry_count, t.priority, t.tenant_id, r.input::text AS input,
            r.additional_metadata::text AS additional_metadata,
            r.workflow_id, r.workflow_version_id, r.child_index, r.child_key, r.parent_task_id, r.triggering_event_id, r.triggering_event_key, r.filter_payload,
            t.durable, t.invocation, t.triggers
     FROM hatchet.tasks t JOIN hatchet.runs r ON r.id = t.run_id WHERE t.id = ANY($1)`,
    [taskIds],
  );
  // Parents' outputs and siblings' errors: only tasks with parents, and on-failure tasks, need them.
  const runIds = [...new Set(rows.filter((r) => r.parents.length > 0 || r.kind === "on_failure").map((r) => r.run_id))];
  type Sibling = { run_id: string; readable_id: string; status: string; output: string | null; error: string | null };
  const siblings =
    runIds.length === 0
      ? []
      : (await client.query<Sibling>("SELECT run_id, readable_id, status, output::text AS output, error FROM hatchet.tasks WHERE run_id = ANY($1) AND kind = 'task'", [runIds])).rows;
  const byRun = new Map<string, Sibling[]>();
  for (const sibling of siblings) {
    const list = byRun.get(sibling.run_id);
    if (list) list.push(sibling);
    else byRun.set(sibling.run_id, [sibling]);
  }
  const actions = new Map<string, AssignedAction>();
  for (const row of rows) {
    const inRun = byRun.get(row.run_id) ?? [];
    const parents = inRun.filter((s) => row.parents.includes(s.readable_id) && s.status === "COMPLETED").map((s) => `${JSON.stringify(s.readable_id)}:${s.output ?? "null"}`);
    const errors = row.kind === "on_failure" ? Object.fromEntries(inRun.filter((s) => s.status === "FAILED").map((s) => [s.readable_id, s.error ?? ""])) : undefined;
    // DAG conditions' data by readable key (engine source ToV1StepRunData), then the payload of
    // the event filter that started the run (ctx.filterPayload()).
    const triggers = JSON.stringify({ ...row.triggers, filter_payload: row.filter_payload ?? null });
    // The stored input and outputs go in as the JSON text they are, not parsed and written again.
    const payload =
      `{"input":${row.input},"triggered_by":"manual","parents":{${parents.join(",")}},"triggers":${triggers},"user_data":null,"overrides":null` +
      `${errors ? `,"step_run_errors":${JSON.stringify(errors)}` : ""}}`;
    actions.set(row.id, {
      tenantId: row.tenant_id,
      workflowRunId: row.run_id,
      getGroupKeyRunId: "",
      jobId: row.readable_id,
      jobName: row.readable_id,
      jobRunId: row.run_id,
      taskId: row.readable_id,
      taskRunExternalId: row.id,
      actionId: row.action_id,
      actionType: ActionType.START_STEP_RUN,
      actionPayload: payload,
      taskName: row.readable_id,
      retryCount: row.retry_count,
      additionalMetadata: row.additional_metadata,
      childWorkflowIndex: row.child_index ?? undefined,
      childWorkflowKey: row.child_key ?? undefined,
      parentWorkflowRunId: row.parent_task_id ?? undefined,
      priority: row.priority,
      workflowId: row.workflow_id,
      workflowVersionId: row.workflow_version_id,
      triggeringEventExternalId: row.triggering_event_id ?? undefined,
      triggeringEventKey: row.triggering_event_key ?? undefined,
      ...(row.durable ? { durableTaskInvocationCount: row.invocation } : {}),
    });
  }
  return actions;
}

/** CANCEL_STEP_RUN must repeat the START action's task id and retry count, the SDK's lookup key. */
export function cancelAction(attempt: { taskId: string; runId: string; retryCount: number; actionId: string; readableId: string; tenantId: string }): AssignedAction {
  return {
    tenantId: attempt.tenantId,
    workflowRunId: attempt.runId,
    getGroupKeyRunId: "",
    jobId: attempt.readableId,
    jobName: attempt.readableId,
    jobRunId: attempt.runId,
    taskId: attempt.readableId,
    taskRunExternalId: attempt.taskId,
    actionId: attempt.actionId,
    actionType: ActionType.CANCEL_STEP_RUN,
    actionPayload: "",
    taskName: attempt.readableId,
    retryCount: attempt.retryCount,
    priority: 1,
  };
}
