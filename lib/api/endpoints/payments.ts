import { defineEndpoint } from "../endpoint";
import { createdRange, pageArgs, toPage } from "../pagination";
import { presentPayment } from "../present";
import { pageOf } from "../../contracts/api";
import { PaymentListQuerySchema, PaymentSchema, RecordPaymentInputSchema, RecordPaymentResultSchema } from "../../contracts/payments";
import { recordPayment } from "../../payments/record-payment";

export const recordPaymentEndpoint = defineEndpoint({
  operationId: "recordPayment", method: "POST", path: "/api/v1/payments", scope: "payments", tag: "Payments",
  summary: "Record a payment, once per (provider, providerPaymentId); unknown or disputed accounts park it.",
  body: RecordPaymentInputSchema, response: RecordPaymentResultSchema,
  run: async ({ db, actor, body }) => {
    const result = await recordPayment(db, body, actor, { source: "api" });
    return { ...result, payment: presentPayment(result.payment) };
  },
});

export const listPaymentsEndpoint = defineEndpoint({
  operationId: "listPayments", method: "GET", path: "/api/v1/payments", scope: "read", tag: "Payments", summary: "List payments; filter by status, account, provider payment id, creation time.",
  query: PaymentListQuerySchema, response: pageOf(PaymentSchema),
  run: async ({ db, query }) => {
    const args = pageArgs(query);
    const rows = await db.payment.findMany({ ...args, where: { ...args.where, ...createdRange(query), ...(query.status ? { status: query.status } : {}), ...(query.accountId ? { accountId: query.accountId } : {}), ...(query.providerPaymentId ? { providerPaymentId: query.providerPaymentId } : {}) } });
    return toPage(rows, query, presentPayment);
  },
});
