import { z } from "zod";
import type { Db } from "../db";
import { transaction } from "../db";
import type { Actor } from "../audit/actor";
import { recordAudit } from "../audit/record-audit";
import { ApiScopeSchema } from "../contracts/api";
import { generateApiKey } from "./api-key-format";

export const CreateApiKeyInputSchema = z.strictObject({
  name: z.string().min(1).max(100),
  scopes: z.array(ApiScopeSchema).min(1).max(4),
  rateLimitPerMinute: z.number().int().min(1).max(1_000_000).default(600),
});

export interface CreatedApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  rateLimitPerMinute: number;
  createdAt: Date;
  /** The whole key: returned here once, never stored or shown again. */
  key: string;
}

/** Issues an API key; only its prefix and SHA-256 are stored. */
export async function createApiKey(db: Db, input: unknown, actor: Actor): Promise<CreatedApiKey> {
  const data = CreateApiKeyInputSchema.parse(input);
  const { key, prefix, hash } = generateApiKey();
  const row = await transaction(db, "create-api-key", async (tx) => {
    const created = await tx.apiKey.create({
      data: { name: data.name, prefix, hash, scopes: [...new Set(data.scopes)], rateLimitPerMinute: data.rateLimitPerMinute, createdById: actor.type === "OPERATOR" ? actor.id : null },
    });
    await recordAudit(tx, actor, "api_key.create", { type: "api_key", id: created.id }, { prefix, scopes: created.scopes });
    return created;
  });
  return { id: row.id, name: row.name, prefix: row.prefix, scopes: row.scopes, rateLimitPerMinute: row.rateLimitPerMinute, createdAt: row.createdAt, key };
}
