import type { Db } from "../db";

export interface Health {
  status: "ok" | "degraded";
  database: { ok: boolean; latencyMs: number | null; migrations: number | null };
}

/** What /api/health reports: whether the database answers and how many migrations it has. */
export async function checkHealth(client: Db): Promise<Health> {
  const started = performance.now();
  try {
    const rows = await client.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`;
    return { status: "ok", database: { ok: true, latencyMs: Math.round(performance.now() - started), migrations: rows[0]?.n ?? 0 } };
  } catch {
    return { status: "degraded", database: { ok: false, latencyMs: null, migrations: null } };
  }
}
