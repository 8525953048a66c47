import { AppError } from "../errors";
import { hasRole, type Role } from "../auth/roles";
import type { Actor } from "../audit/actor";

/** The signed-in operator acting on a queue item: the role decides what they may do to others' items. */
export interface QueueOperator {
  readonly id: string;
  readonly role: Role;
}

export const operatorActor = (operator: QueueOperator): Actor => ({ type: "OPERATOR", id: operator.id });

/**
 * Agents work their own and unassigned items; supervisors and admins may act on anyone's.
 * Checked here, in lib, so every caller (console, a future API) gets the same rule.
 */
export function assertMayWork(operator: QueueOperator, assigneeId: string | null): void {
  if (!hasRole(operator.role, "agent")) throw new AppError("FORBIDDEN", "Working the queues needs the agent role.");
  if (assigneeId !== null && assigneeId !== operator.id && !hasRole(operator.role, "supervisor")) {
    throw new AppError("FORBIDDEN", "This item is assigned to another operator; ask a supervisor to reassign it.");
  }
}
