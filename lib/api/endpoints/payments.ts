import { defineEndpoint } from "../endpoint";
import { toPage } from "../pagination";
import { createdBetween, equals, readPage } from "../list-page";
import { PAYMENT_FIELDS, presentPayment } from "../present";
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
    const where = [equals(PAYMENT_FIELDS, "status", query.status), equals(PAYMENT_FIELDS, "accountId", query.accountId), equals(PAYMENT_FIELDS, "providerPaymentId", query.providerPaymentId), ...createdBetween(PAYMENT_FIELDS, query)];
    return toPage(await readPage(db, PAYMENT_FIELDS, query, where), query, presentPayment);
  },
});
