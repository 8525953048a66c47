import type { WorkflowServiceImplementation } from "@hatchet-dev/typescript-sdk/protoc/workflows/workflows";
import { ServerError, Status } from "nice-grpc";
import type { TriggerWorkflowRequest } from "@hatchet-dev/typescript-sdk/protoc/v1/shared/trigger";
import { triggerRuns } from "../core/trigger";
import { Batcher } from "../store/batcher";
import { inTransaction } from "../store/tx";
import type { EngineContext } from "./context";
import { guard } from "./errors";

const BULK_LIMIT = 1000;

/** WorkflowService: triggering runs (one, or many in one transaction) and rate-limit upserts. */
export function workflowService(ctx: EngineContext): WorkflowServiceImplementation {
  const context = { tenantId: ctx.tenantId, clock: ctx.clock };
  // Single triggers from every client are written together; each caller gets its own id or error.
  const triggers = new Batcher<TriggerWorkflowRequest, string>(async (requests) => {
    const ids = await inTransaction(ctx.pool, (client) => triggerRuns(client, context, requests));
    ctx.hub.wake();
    return ids;
  });

  return {
    triggerWorkflow: (request) => guard(async () => ({ workflowRunId: await triggers.submit(request) })),

    bulkTriggerWorkflow: (request) =>
      guard(async () => {
        if (request.workflows.length > BULK_LIMIT) throw new ServerError(Status.INVALID_ARGUMENT, `at most ${BULK_LIMIT} runs per bulk trigger`);
        // All or nothing: one bad entry creates no run at all.
        const workflowRunIds = await inTransaction(ctx.pool, async (client) => {
          const ids = await triggerRuns(client, context, request.workflows);
          const failure = ids.find((id) => id instanceof Error);
          if (failure) throw failure;
          return ids as string[];
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
