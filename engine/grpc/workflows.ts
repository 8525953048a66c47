import type { WorkflowServiceImplementation } from "@hatchet-dev/typescript-sdk/protoc/workflows/workflows";
import { ServerError, Status } from "nice-grpc";
import { triggerRun } from "../core/trigger";
import { inTransaction } from "../store/tx";
import type { EngineContext } from "./context";
import { guard } from "./errors";

const BULK_LIMIT = 1000;

/** WorkflowService: triggering runs (one, or many in one transaction) and rate-limit upserts. */
export function workflowService(ctx: EngineContext): WorkflowServiceImplementation {
  return {
    triggerWorkflow: (request) =>
      guard(async () => {
        const workflowRunId = await inTransaction(ctx.pool, (client) => triggerRun(client, { tenantId: ctx.tenantId, clock: ctx.clock }, request));
        ctx.hub.wake();
        return { workflowRunId };
      }),

    bulkTriggerWorkflow: (request) =>
      guard(async () => {
        if (request.workflows.length > BULK_LIMIT) throw new ServerError(Status.INVALID_ARGUMENT, `at most ${BULK_LIMIT} runs per bulk trigger`);
        // All or nothing: one bad entry creates no run at all.
        const workflowRunIds = await inTransaction(ctx.pool, async (client) => {
          const ids: string[] = [];
          for (const workflow of request.workflows) ids.push(await triggerRun(client, { tenantId: ctx.tenantId, clock: ctx.clock }, workflow));
          return ids;
        });
        ctx.hub.wake();
        return { workflowRunIds };
      }),

    putRateLimit: (request) =>
      guard(async () => {
        if (!request.key || !Number.isInteger(request.limit) || request.limit < 0) throw new ServerError(Status.INVALID_ARGUMENT, "key and a non-negative limit are required");
        await ctx.pool.query(
          `INSERT INTO hatchet.rate_limits (tenant_id, key, limit_value, duration) VALUES ($1, $2, $3, $4)
           ON CONFLICT (tenant_id, key) DO UPDATE SET limit_value = EXCLUDED.limit_value, duration = EXCLUDED.duration`,
          [ctx.tenantId, request.key, request.limit, request.duration],
        );
        return {};
      }),

    putWorkflow: async () => {
      throw new ServerError(Status.UNIMPLEMENTED, "PutWorkflow (v0): use v1.AdminService/PutWorkflow");
    },
    scheduleWorkflow: async () => {
      throw new ServerError(Status.UNIMPLEMENTED, "ScheduleWorkflow (v0)");
    },
  } as WorkflowServiceImplementation;
}
