import { db } from "@/lib/db";
import { checkHealth } from "@/lib/system/health";

export const dynamic = "force-dynamic";

/** Liveness and readiness for the supervisor, load balancers and docker-compose health checks. */
export async function GET(): Promise<Response> {
  const health = await checkHealth(db());
  return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
