import type { Prisma } from "../generated/prisma/client";
import type { Tx } from "../db";
import type { EventKey } from "../contracts/names";

export interface OutboxEventInput {
  /** What changed, e.g. "call_attempt", "account", "enrollment". */
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly eventKey: EventKey;
  /** Hatchet event scope (SCOPE.attempt(id) ...), so the event reaches the one waiter it is for. */
  readonly scope?: string;
  readonly payload: Prisma.InputJsonValue;
  /**
   * Stable for the business fact (e.g. `call-ended:<attemptId>`): a redelivered webhook that
   * announces the same fact writes nothing new, and consumers dedupe on it.
   */
  readonly idempotencyKey: string;
}

/**
 * Records an event in the transaction that makes the change it announces, so the change and its
 * announcement commit or vanish together. Returns false when the same fact was already recorded.
 */
export async function appendOutboxEvent(tx: Tx, event: OutboxEventInput): Promise<boolean> {
  const inserted = await tx.outboxEvent.createMany({
    data: [
      {
        aggregateType: event.aggregateType,
        aggregateId: event.aggregateId,
        eventKey: event.eventKey,
        scope: event.scope ?? null,
        payload: event.payload,
        idempotencyKey: event.idempotencyKey,
      },
    ],
    skipDuplicates: true,
  });
  return inserted.count === 1;
}
