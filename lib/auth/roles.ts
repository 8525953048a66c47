import { z } from "zod";

/**
 * Operator roles, weakest first. A role may do everything the roles before it may:
 * viewer reads; agent works accounts (payments, disputes, callbacks); supervisor runs campaigns
 * and workflows; admin manages operators, keys and settings.
 */
export const ROLES = ["viewer", "agent", "supervisor", "admin"] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** The database enum (`ADMIN`) as the console's role (`admin`). */
export function roleFromDb(value: "ADMIN" | "SUPERVISOR" | "AGENT" | "VIEWER"): Role {
  return RoleSchema.parse(value.toLowerCase());
}

/** Whether `actual` is at least `required` in the ladder above. */
export function hasRole(actual: Role, required: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(required);
}
