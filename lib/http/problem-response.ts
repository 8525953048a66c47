import { toProblem } from "../errors";

/** Any throw as an RFC 9457 `application/problem+json` response (STYLE.md §8). */
export function problemResponse(error: unknown, instance?: string): Response {
  const problem = toProblem(error, instance);
  if (problem.status >= 500) console.error({ err: error, instance }, "request failed");
  return new Response(JSON.stringify(problem), { status: problem.status, headers: { "content-type": "application/problem+json", "cache-control": "no-store" } });
}
