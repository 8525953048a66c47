import type { Db, Tx } from "../db";
import { transaction } from "../db";
import { AppError } from "../errors";
import { hasRole, roleFromDb } from "../auth/roles";
import { recordAudit } from "../audit/record-audit";
import { AssignQueueItemInputSchema } from "../contracts/queues";
import { assertMayWork, operatorActor, type QueueOperator } from "./queue-operator";

interface Current {
  accountId: string;
  assigneeId: string | null;
  open: boolean;
}
type Row = { account_id: string; assignee: string | null; open: boolean };

/** Locks the item's row so two operators taking the same item one after the other see each other. */
async function lockItem(tx: Tx, kind: "escalation" | "dispute", id: string): Promise<Current | null> {
  if (kind === "escalation") {
    const rows = await tx.$queryRaw<Row[]>`
      SELECT account_id, escalation_assignee_id AS assignee, (escalated_at IS NOT NULL AND escalation_resolved_at IS NULL) AS open
      FROM enrollments WHERE id = ${id} FOR UPDATE`;
    return rows[0] ? { accountId: rows[0].account_id, assigneeId: rows[0].assignee, open: rows[0].open } : null;
  }
  const rows = await tx.$queryRaw<Row[]>`SELECT account_id, assignee_id AS assignee, (status = 'OPEN') AS open FROM disputes WHERE id = ${id} FOR UPDATE`;
  return rows[0] ? { accountId: rows[0].account_id, assigneeId: rows[0].assignee, open: rows[0].open } : null;
}

/**
 * Assigns an open escalation or dispute to an operator (agent or above, not disabled), or back to
 * nobody. An agent may only take an unassigned item for themselves or hand back their own;
 * assigning to someone else, or taking someone else's, needs a supervisor. Audited.
 */
export async function assignQueueItem(db: Db, input: unknown, operator: QueueOperator): Promise<{ assigneeId: string | null }> {
  const data = AssignQueueItemInputSchema.parse(input);
  if (data.assigneeId !== null && data.assigneeId !== operator.id && !hasRole(operator.role, "supervisor")) {
    throw new AppError("FORBIDDEN", "Assigning an item to another operator needs the supervisor role.");
  }
  return transaction(db, "assign-queue-item", async (tx) => {
    const current = await lockItem(tx, data.kind, data.id);
    if (!current) throw new AppError("NOT_FOUND", `No ${data.kind} has this id.`);
    if (!current.open) throw new AppError("CONFLICT", `This ${data.kind} is already resolved.`);
    assertMayWork(operator, current.assigneeId);
    if (data.assigneeId !== null && data.assigneeId !== operator.id) {
      const target = await tx.operator.findUnique({ where: { id: data.assigneeId } });
      if (!target || target.disabledAt) throw new AppError("VALIDATION_FAILED", "Choose an active operator to assign this to.");
      if (!hasRole(roleFromDb(target.role), "agent")) throw new AppError("VALIDATION_FAILED", `${target.name} is a viewer and cannot work the queues.`);
    }
    if (current.assigneeId === data.assigneeId) return { assigneeId: data.assigneeId };
    const assignedAt = data.assigneeId === null ? null : new Date();
    if (data.kind === "escalation") {
      await tx.enrollment.update({ where: { id: data.id }, data: { escalationAssigneeId: data.assigneeId, escalationAssignedAt: assignedAt } });
    } else {
      await tx.dispute.update({ where: { id: data.id }, data: { assigneeId: data.assigneeId, assignedAt } });
    }
    // On the account, so the assignment shows in the account's timeline.
    await recordAudit(tx, operatorActor(operator), `${data.kind}.assign`, { type: "account", id: current.accountId }, { [`${data.kind}Id`]: data.id, from: current.assigneeId, to: data.assigneeId });
    return { assigneeId: data.assigneeId };
  });
}
