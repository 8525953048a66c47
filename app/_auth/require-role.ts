import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { SessionDataSchema } from "@/lib/auth/session";
import { hasRole, roleFromDb, type Role } from "@/lib/auth/roles";
import { isSameOrigin } from "@/lib/auth/same-origin";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { currentSession } from "./session";

export interface SignedInOperator {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** The operator behind this request's session, or null: a missing, expired, forged or disabled one is null. */
export async function currentOperator(): Promise<SignedInOperator | null> {
  const session = await currentSession();
  const data = SessionDataSchema.safeParse({ ...session });
  if (!data.success) return null;
  const row = await db().operator.findUnique({ where: { id: data.data.operatorId } });
  if (!row || row.disabledAt) return null;
  return { id: row.id, email: row.email, name: row.name, role: roleFromDb(row.role) };
}

/**
 * The one access check of the console. Pages call `requireRole(role)`: no session → the sign-in
 * page, too weak a role → the forbidden page. Server actions and mutating routes call
 * `requireRole(role, { mutation: true })`, which throws AppError (UNAUTHENTICATED, FORBIDDEN)
 * instead of redirecting, and also refuses a request whose Origin is not this site (CSRF).
 */
export async function requireRole(role: Role, options: { mutation?: boolean; api?: boolean } = {}): Promise<SignedInOperator> {
  const throwing = options.mutation || options.api;
  if (options.mutation) {
    const config = env();
    if (!isSameOrigin(await headers(), config.APP_URL ? [config.APP_URL] : [])) throw new AppError("FORBIDDEN", "This request did not come from the console.");
  }
  const operator = await currentOperator();
  if (!operator) {
    if (throwing) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
    redirect("/login");
  }
  if (!hasRole(operator.role, role)) {
    if (throwing) throw new AppError("FORBIDDEN", `This needs the ${role} role; you are signed in as ${operator.role}.`);
    redirect(`/forbidden?need=${role}`);
  }
  return operator;
}
