import type { Publish } from "./relay";

/**
 * The part of a Hatchet client the relay needs (`HatchetClient` satisfies it), so the relay and
 * its tests never load the SDK.
 */
export interface HatchetEventPusher {
  readonly events: {
    push(type: string, input: unknown, options?: { additionalMetadata?: Record<string, string>; scope?: string }): Promise<unknown>;
  };
}

/** Publishes outbox events as Hatchet events, with their scope; the outbox id and idempotency key ride as metadata. */
export function hatchetPublisher(hatchet: HatchetEventPusher): Publish {
  return async (message) => {
    await hatchet.events.push(message.eventKey, message.payload, {
      ...(message.scope ? { scope: message.scope } : {}),
      additionalMetadata: { outboxId: message.id, idempotencyKey: message.idempotencyKey, aggregate: `${message.aggregateType}:${message.aggregateId}` },
    });
  };
}
