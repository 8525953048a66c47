/**
 * Liveness and readiness under the conventional path (docker-compose, Kubernetes, load balancers):
 * the same handler as /api/health, which the supervisor and older checks keep using.
 */
export { GET } from "../api/health/route";

// Route segment config must be a literal in this file for Next to read it.
export const dynamic = "force-dynamic";
