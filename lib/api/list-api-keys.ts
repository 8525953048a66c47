import type { Db } from "../db";

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  rateLimitPerMinute: number;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  createdBy: string | null;
}

/** API keys for the console, active ones first, newest first; never the hash. */
export async function listApiKeys(db: Db): Promise<ApiKeySummary[]> {
  const rows = await db.apiKey.findMany({
    select: { id: true, name: true, prefix: true, scopes: true, rateLimitPerMinute: true, lastUsedAt: true, revokedAt: true, createdAt: true, createdBy: { select: { name: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows
    .map(({ createdBy, ...row }) => ({ ...row, createdBy: createdBy?.name ?? null }))
    .sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null));
}
