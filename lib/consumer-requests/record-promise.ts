import type { Db } from "../db";
import { transaction } from "../db";
import { AppError } from "../errors";
import type { Actor } from "../audit/actor";
import { recordAudit } from "../audit/record-audit";
import { appendOutboxEvent } from "../outbox/append";
import { EVENT, SCOPE } from "../contracts/names";
import { RecordPromiseInputSchema } from "../contracts/consumer-requests";
import type { PromiseToPay } from "../generated/prisma/client";
import { enqueueWebhookDeliveries } from "../webhooks/enqueue-webhook-deliveries";
import { WEBHOOK_EVENT } from "../webhooks/event-types";

/**
 * Records a promise to pay and announces EVENT.promiseMade to the account's journey, which then
 * waits for the payment. Refused on a disputed or ceased debt: collection there is paused
 * (12 CFR 1006.38(d)(2), 1006.6(c)).
 */
export async function recordPromise(db: Db, input: unknown, actor: Actor): Promise<PromiseToPay> {
  const data = RecordPromiseInputSchema.parse(input);
  return transaction(db, "record-promise", async (tx) => {
    const account = await tx.account.findUnique({ where: { id: data.accountId }, select: { id: true, externalId: true, status: true, disputePendingAt: true } });
    if (!account) throw new AppError("NOT_FOUND", "No account has this id.");
    if (account.status !== "ACTIVE" || account.disputePendingAt) throw new AppError("COMPLIANCE_BLOCKED", `A promise cannot be taken on a ${account.status.toLowerCase()} account.`);
    if (data.attemptId && !(await tx.callAttemptDebt.count({ where: { attemptId: data.attemptId, accountId: account.id } }))) {
      throw new AppError("VALIDATION_FAILED", "The call attempt was not about this account.", { errors: [{ path: "attemptId", message: "not a call about this account" }] });
    }
    const promise = await tx.promiseToPay.create({
      data: { accountId: account.id, attemptId: data.attemptId ?? null, amountCents: data.amountCents, dueDate: new Date(`${data.dueDate}T00:00:00.000Z`), graceDays: data.graceDays },
    });
    const payload = { promiseId: promise.id, accountId: account.id, amountCents: data.amountCents, dueDate: data.dueDate, graceDays: data.graceDays };
    await appendOutboxEvent(tx, { aggregateType: "account", aggregateId: account.id, eventKey: EVENT.promiseMade, scope: SCOPE.account(account.id), payload, idempotencyKey: `promise-made:${promise.id}` });
    await enqueueWebhookDeliveries(tx, WEBHOOK_EVENT.promiseMade, promise.id, { ...payload, accountExternalId: account.externalId });
    await recordAudit(tx, actor, "promise.record", { type: "account", id: account.id }, { promiseId: promise.id, amountCents: data.amountCents });
    return promise;
  });
}
