import { db } from "@/lib/db";
import { checkHealth } from "@/lib/system/health";

export const dynamic = "force-dynamic";

/**
 * Liveness and readiness under the conventional path (docker-compose, Kubernetes, load balancers);
 * the same answer as /api/health, which the supervisor and older checks keep using.
 */
export async function GET(): Promise<Response> {
  const health = await checkHealth(db());
  return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
