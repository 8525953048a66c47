import { AppError, toProblem } from "../errors";
import { apiLog } from "./log";

/** AppError RATE_LIMITED with the seconds to wait, sent as Retry-After. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super("RATE_LIMITED", `Rate limit exceeded; retry in ${retryAfterSeconds} s.`);
  }
}

/** Any throw as an RFC 9457 response; 4xx logged at warn, the rest at error with the original. */
export function problemResponse(error: unknown, requestId: string): Response {
  const problem = toProblem(error, `urn:request:${requestId}`);
  if (problem.status >= 500) apiLog().error({ err: error, requestId }, "request failed");
  else apiLog().warn({ requestId, status: problem.status, code: problem.code }, problem.detail);
  const headers: Record<string, string> = { "content-type": "application/problem+json", "x-request-id": requestId, "cache-control": "no-store" };
  if (error instanceof RateLimitedError) headers["retry-after"] = String(error.retryAfterSeconds);
  return new Response(JSON.stringify(problem), { status: problem.status, headers });
}
