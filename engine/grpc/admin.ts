import { RunStatus, type AdminServiceImplementation } from "@hatchet-dev/typescript-sdk/protoc/v1/workflows";
import { ServerError, Status } from "nice-grpc";
import { putWorkflow } from "../core/workflows";
import type { EngineContext } from "./context";
import { guard, requireUuid } from "./errors";

const STATUS: Record<string, RunStatus> = {
  PENDING: RunStatus.QUEUED,
  WAITING: RunStatus.QUEUED,
  QUEUED: RunStatus.QUEUED,
  RUNNING: RunStatus.RUNNING,
  COMPLETED: RunStatus.COMPLETED,
  SKIPPED: RunStatus.COMPLETED,
  FAILED: RunStatus.FAILED,
  CANCELLED: RunStatus.CANCELLED,
};

const unimplemented = (name: string) => async () => {
  throw new ServerError(Status.UNIMPLEMENTED, name);
};

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** v1.AdminService: workflow registration and run details; the rest is served over REST. */
export function adminService(ctx: EngineContext): AdminServiceImplementation {
  return {
    putWorkflow: (request) =>
      guard(async () => {
        const { workflowId, versionId } = await putWorkflow(ctx.pool, ctx.clock, ctx.tenantId, request);
        return { id: versionId, workflowId };
      }),

    getRunDetails: (request) =>
      guard(async () => {
        const runId = requireUuid(request.externalId, "externalId");
        const { rows: runs } = await ctx.pool.query<{ input: unknown; status: string; additional_metadata: unknown }>(
          "SELECT input, status, additional_metadata FROM hatchet.runs WHERE id = $1 AND tenant_id = $2",
          [runId, ctx.tenantId],
        );
        const run = runs[0];
        if (!run) throw new ServerError(Status.NOT_FOUND, "run not found");
        const { rows: tasks } = await ctx.pool.query<{ id: string; readable_id: string; status: string; output: unknown; error: string | null; evicted: boolean }>(
          "SELECT id, readable_id, status, output, error, evicted FROM hatchet.tasks WHERE run_id = $1 AND status <> 'PENDING' ORDER BY created_at",
          [runId],
        );
        const taskRuns = Object.fromEntries(
          tasks.map((t) => [
            t.readable_id,
            {
              externalId: t.id,
              status: STATUS[t.status] ?? RunStatus.QUEUED,
              readableId: t.readable_id,
              isEvicted: t.evicted,
              ...(t.status === "COMPLETED" ? { output: json(t.output) } : {}),
              ...(t.error && t.status === "FAILED" ? { error: t.error } : {}),
            },
          ]),
        );
        return {
          input: json(run.input),
          status: STATUS[run.status] ?? RunStatus.QUEUED,
          taskRuns,
          done: ["COMPLETED", "FAILED", "CANCELLED"].includes(run.status),
          additionalMetadata: json(run.additional_metadata),
          isEvicted: tasks.some((t) => t.evicted),
        };
      }),

    cancelTasks: unimplemented("CancelTasks"),
    replayTasks: unimplemented("ReplayTasks"),
    triggerWorkflowRun: unimplemented("TriggerWorkflowRun"),
    branchDurableTask: unimplemented("BranchDurableTask"),
  } as AdminServiceImplementation;
}
