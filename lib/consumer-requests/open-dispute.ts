import type { Db } from "../db";
import { transaction } from "../db";
import { AppError } from "../errors";
import type { Actor } from "../audit/actor";
import { recordAudit } from "../audit/record-audit";
import { appendOutboxEvent } from "../outbox/append";
import { EVENT, SCOPE } from "../contracts/names";
import { OpenDisputeInputSchema } from "../contracts/consumer-requests";
import type { Dispute } from "../generated/prisma/client";
import { enqueueWebhookDeliveries } from "../webhooks/enqueue-webhook-deliveries";
import { WEBHOOK_EVENT } from "../webhooks/event-types";

/**
 * Records a dispute and pauses collection of the debt at once: the account becomes DISPUTED with
 * a pending verification (12 CFR 1006.38(d)(2) for written disputes; COMPLIANCE.md §5 treats oral
 * ones the same way for calls), and EVENT.disputeOpened stops the running journey. A second
 * dispute while one is open returns the open one and announces nothing new.
 */
export async function openDispute(db: Db, input: unknown, actor: Actor): Promise<{ dispute: Dispute; alreadyOpen: boolean }> {
  const data = OpenDisputeInputSchema.parse(input);
  return transaction(db, "open-dispute", async (tx) => {
    const locked = await tx.$queryRaw<{ id: string; external_id: string }[]>`SELECT id, external_id FROM accounts WHERE id = ${data.accountId} FOR UPDATE`;
    const account = locked[0];
    if (!account) throw new AppError("NOT_FOUND", "No account has this id.");
    const open = await tx.dispute.findFirst({ where: { accountId: account.id, status: "OPEN" } });
    if (open) return { dispute: open, alreadyOpen: true };
    const receivedAt = data.receivedAt ? new Date(data.receivedAt) : new Date();
    const dispute = await tx.dispute.create({ data: { accountId: account.id, channel: data.channel, receivedAt, reason: data.reason ?? null } });
    await tx.account.update({ where: { id: account.id }, data: { status: "DISPUTED", disputePendingAt: receivedAt } });
    const payload = { disputeId: dispute.id, accountId: account.id, channel: data.channel, receivedAt: receivedAt.toISOString() };
    await appendOutboxEvent(tx, { aggregateType: "account", aggregateId: account.id, eventKey: EVENT.disputeOpened, scope: SCOPE.account(account.id), payload, idempotencyKey: `dispute-opened:${dispute.id}` });
    await enqueueWebhookDeliveries(tx, WEBHOOK_EVENT.disputeOpened, dispute.id, { ...payload, accountExternalId: account.external_id });
    await recordAudit(tx, actor, "dispute.open", { type: "account", id: account.id }, { disputeId: dispute.id, channel: data.channel });
    return { dispute, alreadyOpen: false };
  });
}
