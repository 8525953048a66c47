import { db } from "@/lib/db";
import { registerDatabaseGauges } from "@/lib/observability/database-gauges";
import { recourseMetrics } from "@/lib/observability/registry";

export const dynamic = "force-dynamic";

/**
 * Prometheus scrape endpoint of the console process: its own process metrics plus the
 * database-derived gauges (journeys by state, compliance blocks, outbox lag). Aggregates only, no
 * personal data; keep it off the public internet all the same (README, "Scale out").
 */
export async function GET(): Promise<Response> {
  const metrics = recourseMetrics();
  registerDatabaseGauges(metrics, db());
  try {
    return new Response(await metrics.registry.metrics(), { headers: { "content-type": metrics.registry.contentType, "cache-control": "no-store" } });
  } catch {
    return new Response("metrics unavailable: the database did not answer\n", { status: 503, headers: { "content-type": "text/plain" } });
  }
}
