import { Status as RpcStatus } from "@hatchet-dev/typescript-sdk/protoc/google/rpc/status";
import { BulkTriggerIdempotencyCollisionError, IdempotencyCollisionError } from "@hatchet-dev/typescript-sdk/protoc/v1/workflows";
import { Status, type CallContext } from "nice-grpc";
import { EngineError } from "../core/errors";
import { IdempotencyCollision } from "../core/idempotency";

/** A bulk trigger in which some runs were created and others collided (those created stay). */
export class BulkIdempotencyCollision extends EngineError {
  constructor(
    readonly successfulRunIds: string[],
    readonly collisions: IdempotencyCollision[],
  ) {
    super("ALREADY_EXISTS", "idempotency key collision");
  }
}

/** `grpc-status-details-bin`: a google.rpc.Status whose details hold one Any, as Hatchet's status.WithDetails writes it. */
function setStatusDetails(context: CallContext, message: string, typeName: string, value: Uint8Array): void {
  const details = RpcStatus.encode({ code: Status.ALREADY_EXISTS, message, details: [{ typeUrl: `type.googleapis.com/${typeName}`, value }] }).finish();
  context.trailer.set("grpc-status-details-bin", details);
}

/**
 * Runs a trigger handler; an idempotency collision leaves ALREADY_EXISTS with the details the SDK
 * decodes into IdempotencyCollisionError / BulkTriggerIdempotencyCollisionError (spec §6.3;
 * engine source `internal/services/admin/server_v1.go`).
 */
export async function withCollisionDetails<T>(context: CallContext, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof IdempotencyCollision) {
      // Hatchet fills only the existing run's id for a single trigger.
      const value = IdempotencyCollisionError.encode({ existingRunExternalId: error.existingRunId, collidingRunExternalId: "" }).finish();
      setStatusDetails(context, error.message, "v1.IdempotencyCollisionError", value);
    } else if (error instanceof BulkIdempotencyCollision) {
      const value = BulkTriggerIdempotencyCollisionError.encode({
        successfulWorkflowRunExternalIds: error.successfulRunIds,
        collisions: error.collisions.map((c) => ({ existingRunExternalId: c.existingRunId, collidingRunExternalId: c.collidingRunId })),
      }).finish();
      setStatusDetails(context, error.message, "v1.BulkTriggerIdempotencyCollisionError", value);
    }
    throw error;
  }
}
