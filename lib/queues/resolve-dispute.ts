import type { Db } from "../db";
import { transaction } from "../db";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { ResolveDisputeInputSchema } from "../contracts/queues";
import type { Dispute } from "../generated/prisma/client";
import { assertMayWork, operatorActor, type QueueOperator } from "./queue-operator";

/**
 * Ends an OPEN dispute with an outcome and a note, and sets the account accordingly:
 * - VERIFICATION_SENT: the dispute is VERIFIED and the pending-dispute pause is lifted, so the
 *   compliance gate may allow calls again (12 CFR 1006.38(d)(2)); a DISPUTED account is ACTIVE
 *   again, any other status (CEASED, PAID…) is left alone — a cease request still stops contact.
 * - UPHELD: the dispute is RESOLVED and a DISPUTED account is CLOSED; the pause stays, so nothing
 *   can dial the debt even if someone reopens it by mistake.
 * Audited on the account; resolving twice is refused (409).
 */
export async function resolveDispute(db: Db, input: unknown, operator: QueueOperator): Promise<Dispute> {
  const data = ResolveDisputeInputSchema.parse(input);
  return transaction(db, "resolve-dispute", async (tx) => {
    const rows = await tx.$queryRaw<{ account_id: string }[]>`SELECT account_id FROM disputes WHERE id = ${data.id}`;
    const accountId = rows[0]?.account_id;
    if (!accountId) throw new AppError("NOT_FOUND", "No dispute has this id.");
    // Account first, then dispute: the order openDispute takes, so the two never deadlock.
    const accounts = await tx.$queryRaw<{ status: string }[]>`SELECT status::text FROM accounts WHERE id = ${accountId} FOR UPDATE`;
    const dispute = await tx.dispute.findUniqueOrThrow({ where: { id: data.id } });
    if (dispute.status !== "OPEN") throw new AppError("CONFLICT", `This dispute is already ${dispute.status.toLowerCase()}.`);
    assertMayWork(operator, dispute.assigneeId);
    const now = new Date();
    const verified = data.outcome === "VERIFICATION_SENT";
    const resolved = await tx.dispute.update({
      where: { id: data.id },
      data: {
        status: verified ? "VERIFIED" : "RESOLVED",
        ...(verified ? { verificationSentAt: dispute.verificationSentAt ?? now } : {}),
        resolvedAt: now,
        resolvedById: operator.id,
        resolutionNote: data.note,
        ...(dispute.assigneeId ? {} : { assigneeId: operator.id, assignedAt: now }),
      },
    });
    const disputed = accounts[0]?.status === "DISPUTED";
    if (verified) await tx.account.update({ where: { id: accountId }, data: { disputePendingAt: null, ...(disputed ? { status: "ACTIVE" } : {}) } });
    else if (disputed) await tx.account.update({ where: { id: accountId }, data: { status: "CLOSED" } });
    await recordAudit(tx, operatorActor(operator), "dispute.resolve", { type: "account", id: accountId }, { disputeId: data.id, outcome: data.outcome, note: data.note });
    return resolved;
  });
}
