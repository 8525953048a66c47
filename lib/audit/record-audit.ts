import type { Prisma } from "../generated/prisma/client";
import type { Tx } from "../db";
import type { Actor } from "./actor";

/** Appends one audit row in the caller's transaction: the action and its record commit together. */
export async function recordAudit(tx: Tx, actor: Actor, action: string, entity: { type: string; id: string }, data: Prisma.InputJsonValue = {}): Promise<void> {
  await tx.auditLog.create({
    data: { actorType: actor.type, actorId: actor.id, action, entityType: entity.type, entityId: entity.id, data, requestId: actor.requestId ?? null },
  });
}
