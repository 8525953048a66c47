import type { Db } from "../db";
import { transaction } from "../db";
import { AppError } from "../errors";
import type { Actor } from "../audit/actor";
import { recordAudit } from "../audit/record-audit";
import type { ApiKey } from "../generated/prisma/client";
import { forgetApiKey } from "./authenticate-api-key";

/** Revokes a key at once (the next request with it gets 401); revoking twice keeps the first time. */
export async function revokeApiKey(db: Db, keyId: string, actor: Actor): Promise<ApiKey> {
  return transaction(db, "revoke-api-key", async (tx) => {
    const key = await tx.apiKey.findUnique({ where: { id: keyId } });
    if (!key) throw new AppError("NOT_FOUND", "No API key has this id.");
    if (key.revokedAt) return key;
    const revoked = await tx.apiKey.update({ where: { id: keyId }, data: { revokedAt: new Date() } });
    await recordAudit(tx, actor, "api_key.revoke", { type: "api_key", id: keyId }, { prefix: key.prefix });
    return revoked;
  }).finally(() => forgetApiKey(keyId));
}
