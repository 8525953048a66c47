import type { Role } from "@/lib/auth/roles";
import { toProblem } from "@/lib/errors";
import { requireRole, type SignedInOperator } from "./require-role";

/** For route handlers: the operator, or an RFC 9457 problem response (401/403) to return as is. */
export async function guardRoute(role: Role, instance: string): Promise<SignedInOperator | Response> {
  try {
    return await requireRole(role, { api: true });
  } catch (error) {
    const problem = toProblem(error, instance);
    return Response.json(problem, { status: problem.status, headers: { "content-type": "application/problem+json" } });
  }
}
