import type { Db } from "../db";
import { transaction } from "../db";
import { AppError } from "../errors";
import type { Actor } from "../audit/actor";
import { recordAudit } from "../audit/record-audit";
import { appendOutboxEvent } from "../outbox/append";
import { EVENT, SCOPE } from "../contracts/names";
import { RequestCeaseInputSchema } from "../contracts/consumer-requests";
import { enqueueWebhookDeliveries } from "../webhooks/enqueue-webhook-deliveries";
import { WEBHOOK_EVENT } from "../webhooks/event-types";

export interface CeaseResult {
  debtorId: string;
  kind: "CEASE_COMMUNICATION" | "REFUSAL_TO_PAY" | "STOP_CALLING";
  effectiveAt: string;
  accountIds: string[];
  phonesBlocked: number;
}

/**
 * Applies a consumer's stop request from the instant it is received, and tells every running
 * journey of the debtor through EVENT.ceaseRequested (scope: each account):
 * - CEASE_COMMUNICATION / REFUSAL_TO_PAY (written, 12 CFR 1006.6(c)): no contact about the debts;
 *   active accounts become CEASED.
 * - STOP_CALLING (1006.14(h)(1)): no calls about any debt; with `phoneNumber`, only that number is
 *   banned (Cmt. 14(h)(1)-2). TCPA consent on the banned numbers is revoked as well (FCC 24-24).
 * An earlier flag is kept: the first receipt is the one the rule counts from.
 */
export async function requestCease(db: Db, input: unknown, actor: Actor): Promise<CeaseResult> {
  const data = RequestCeaseInputSchema.parse(input);
  return transaction(db, "request-cease", async (tx) => {
    const debtorId = data.debtorId ?? (await tx.account.findUnique({ where: { id: data.accountId! }, select: { debtorId: true } }))?.debtorId;
    const debtor = debtorId ? await tx.debtor.findUnique({ where: { id: debtorId } }) : null;
    if (!debtor) throw new AppError("NOT_FOUND", data.debtorId ? "No debtor has this id." : "No account has this id.");
    if (data.accountId && data.debtorId && !(await tx.account.count({ where: { id: data.accountId, debtorId: debtor.id } }))) {
      throw new AppError("VALIDATION_FAILED", "The account does not belong to this debtor.", { errors: [{ path: "accountId", message: "belongs to another debtor" }] });
    }
    const at = data.receivedAt ? new Date(data.receivedAt) : new Date();
    const accounts = await tx.account.findMany({ where: { debtorId: debtor.id }, select: { id: true, externalId: true, status: true } });
    let phonesBlocked = 0;
    if (data.kind === "STOP_CALLING") {
      const phones = { debtorId: debtor.id, ...(data.phoneNumber ? { number: data.phoneNumber } : {}) };
      if (!data.phoneNumber) await tx.debtor.update({ where: { id: debtor.id }, data: { stopCallingAt: debtor.stopCallingAt ?? at } });
      phonesBlocked = (await tx.phone.updateMany({ where: phones, data: { status: "STOP_CALLING" } })).count;
      await tx.phone.updateMany({ where: { ...phones, consentRevokedAt: null }, data: { consentRevokedAt: at } });
    } else {
      await tx.debtor.update({
        where: { id: debtor.id },
        data: data.kind === "REFUSAL_TO_PAY" ? { refusedToPayAt: debtor.refusedToPayAt ?? at, ceaseCommunicationAt: debtor.ceaseCommunicationAt ?? at } : { ceaseCommunicationAt: debtor.ceaseCommunicationAt ?? at },
      });
      await tx.account.updateMany({ where: { debtorId: debtor.id, status: "ACTIVE" }, data: { status: "CEASED" } });
    }
    for (const account of accounts) {
      const payload = { debtorId: debtor.id, accountId: account.id, kind: data.kind, phoneNumber: data.phoneNumber ?? null, effectiveAt: at.toISOString() };
      await appendOutboxEvent(tx, { aggregateType: "account", aggregateId: account.id, eventKey: EVENT.ceaseRequested, scope: SCOPE.account(account.id), payload, idempotencyKey: `cease-requested:${account.id}:${data.kind}:${data.phoneNumber ?? "all"}:${at.getTime()}` });
      await enqueueWebhookDeliveries(tx, WEBHOOK_EVENT.ceaseRequested, `${account.id}:${data.kind}:${at.getTime()}`, { ...payload, accountExternalId: account.externalId });
    }
    await recordAudit(tx, actor, `consumer.${data.kind.toLowerCase()}`, { type: "debtor", id: debtor.id }, { phoneNumber: data.phoneNumber ?? null, accounts: accounts.length });
    return { debtorId: debtor.id, kind: data.kind, effectiveAt: at.toISOString(), accountIds: accounts.map((a) => a.id), phonesBlocked };
  });
}
