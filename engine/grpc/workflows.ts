import type { WorkflowServiceImplementation } from "@hatchet-dev/typescript-sdk/protoc/workflows/workflows";
import { ServerError, Status } from "nice-grpc";
import type { TriggerWorkflowRequest } from "@hatchet-dev/typescript-sdk/protoc/v1/shared/trigger";
import { IdempotencyCollision } from "../core/idempotency";
import { upsertRateLimits, validDuration } from "../core/rate-limits";
import { triggerRuns } from "../core/trigger";
import { Batcher } from "../store/batcher";
import { inTransaction } from "../store/tx";
import type { EngineContext } from "./context";
import { guard } from "./errors";
import { BulkIdempotencyCollision, withCollisionDetails } from "./idempotency";

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
    triggerWorkflow: (request, callContext) => guard(() => withCollisionDetails(callContext, async () => ({ workflowRunId: await triggers.submit(request) }))),

    bulkTriggerWorkflow: (request, callContext) =>
      guard(() =>
        withCollisionDetails(callContext, async () => {
          if (request.workflows.length > BULK_LIMIT) throw new ServerError(Status.INVALID_ARGUMENT, `at most ${BULK_LIMIT} runs per bulk trigger`);
          // All or nothing: one bad entry creates no run at all. Idempotency collisions are not
          // bad entries: as in Hatchet, the other runs are created and the collisions reported.
          const ids = await inTransaction(ctx.pool, async (client) => {
            const results = await triggerRuns(client, context, request.workflows);
            const failure = results.find((id) => id instanceof Error && !(id instanceof IdempotencyCollision));
            if (failure) throw failure;
            return results;
          });
          ctx.hub.wake();
          const collisions = ids.filter((id): id is IdempotencyCollision => id instanceof IdempotencyCollision);
          if (collisions.length > 0) throw new BulkIdempotencyCollision(ids.filter((id): id is string => typeof id === "string"), collisions);
          return { workflowRunIds: ids as string[] };
        }),
      ),

    putRateLimit: (request) =>
      guard(async () => {
        if (!request.key || !Number.isInteger(request.limit) || request.limit < 0) throw new ServerError(Status.INVALID_ARGUMENT, "key and a non-negative limit are required");
        if (!validDuration(request.duration)) throw new ServerError(Status.INVALID_ARGUMENT, `unknown rate limit duration ${request.duration}`);
        await upsertRateLimits(ctx.pool, ctx.tenantId, [{ key: request.key, limit: request.limit, duration: request.duration }]);
        ctx.hub.wake();
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
