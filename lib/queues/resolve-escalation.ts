import type { Db } from "../db";
import { transaction } from "../db";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { ResolveEscalationInputSchema } from "../contracts/queues";
import { assertMayWork, operatorActor, type QueueOperator } from "./queue-operator";

/**
 * Takes an escalation off the queue with the operator's note. The journey stays ended (its status
 * is terminal); what the human did — a letter, a referral, a call by hand — is in the note and the
 * audit row. An unassigned item becomes the resolver's. Resolving twice is refused (409).
 */
export async function resolveEscalation(db: Db, input: unknown, operator: QueueOperator): Promise<{ id: string; resolvedAt: Date }> {
  const data = ResolveEscalationInputSchema.parse(input);
  return transaction(db, "resolve-escalation", async (tx) => {
    const rows = await tx.$queryRaw<{ account_id: string; assignee: string | null; escalated_at: Date | null; resolved_at: Date | null }[]>`
      SELECT account_id, escalation_assignee_id AS assignee, escalated_at, escalation_resolved_at AS resolved_at FROM enrollments WHERE id = ${data.id} FOR UPDATE`;
    const row = rows[0];
    if (!row || !row.escalated_at) throw new AppError("NOT_FOUND", "No escalation has this id.");
    if (row.resolved_at) throw new AppError("CONFLICT", "This escalation is already resolved.");
    assertMayWork(operator, row.assignee);
    const resolvedAt = new Date();
    await tx.enrollment.update({
      where: { id: data.id },
      data: {
        escalationResolvedAt: resolvedAt,
        escalationResolvedById: operator.id,
        escalationNote: data.note,
        ...(row.assignee ? {} : { escalationAssigneeId: operator.id, escalationAssignedAt: resolvedAt }),
      },
    });
    await recordAudit(tx, operatorActor(operator), "escalation.resolve", { type: "account", id: row.account_id }, { escalationId: data.id, note: data.note });
    return { id: data.id, resolvedAt };
  });
}
