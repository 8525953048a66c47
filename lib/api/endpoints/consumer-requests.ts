import { defineEndpoint } from "../endpoint";
import { toPage } from "../pagination";
import { createdBetween, equals, readPage } from "../list-page";
import { DISPUTE_FIELDS, PROMISE_FIELDS, presentDispute, presentPromise } from "../present";
import { pageOf } from "../../contracts/api";
import { DisputeListQuerySchema, DisputeSchema, OpenDisputeInputSchema, OpenDisputeResultSchema, PromiseListQuerySchema, PromiseSchema, RecordPromiseInputSchema, RequestCeaseInputSchema, RequestCeaseResultSchema } from "../../contracts/consumer-requests";
import { openDispute } from "../../consumer-requests/open-dispute";
import { requestCease } from "../../consumer-requests/request-cease";
import { recordPromise } from "../../consumer-requests/record-promise";

export const openDisputeEndpoint = defineEndpoint({
  operationId: "openDispute", method: "POST", path: "/api/v1/disputes", scope: "write", tag: "Consumer requests", summary: "Record a dispute; collection of the debt pauses at once (emits dispute:opened).",
  body: OpenDisputeInputSchema, response: OpenDisputeResultSchema, successStatus: 201,
  run: async ({ db, actor, body }) => {
    const result = await openDispute(db, body, actor);
    return { dispute: presentDispute(result.dispute), alreadyOpen: result.alreadyOpen };
  },
});

export const listDisputesEndpoint = defineEndpoint({
  operationId: "listDisputes", method: "GET", path: "/api/v1/disputes", scope: "read", tag: "Consumer requests", summary: "List disputes.",
  query: DisputeListQuerySchema, response: pageOf(DisputeSchema),
  run: async ({ db, query }) => {
    const where = [equals(DISPUTE_FIELDS, "accountId", query.accountId), equals(DISPUTE_FIELDS, "status", query.status), ...createdBetween(DISPUTE_FIELDS, query)];
    return toPage(await readPage(db, DISPUTE_FIELDS, query, where), query, presentDispute);
  },
});

export const requestCeaseEndpoint = defineEndpoint({
  operationId: "requestCease", method: "POST", path: "/api/v1/cease-requests", scope: "write", tag: "Consumer requests", summary: "Record a cease, refusal-to-pay or stop-calling request; takes effect immediately (emits cease:requested).",
  body: RequestCeaseInputSchema, response: RequestCeaseResultSchema, successStatus: 201,
  run: ({ db, actor, body }) => requestCease(db, body, actor),
});

export const recordPromiseEndpoint = defineEndpoint({
  operationId: "recordPromise", method: "POST", path: "/api/v1/promises", scope: "write", tag: "Consumer requests", summary: "Record a promise to pay (emits promise:made).",
  body: RecordPromiseInputSchema, response: PromiseSchema, successStatus: 201,
  run: async ({ db, actor, body }) => presentPromise(await recordPromise(db, body, actor)),
});

export const listPromisesEndpoint = defineEndpoint({
  operationId: "listPromises", method: "GET", path: "/api/v1/promises", scope: "read", tag: "Consumer requests", summary: "List promises to pay.",
  query: PromiseListQuerySchema, response: pageOf(PromiseSchema),
  run: async ({ db, query }) => {
    const where = [equals(PROMISE_FIELDS, "accountId", query.accountId), equals(PROMISE_FIELDS, "status", query.status), ...createdBetween(PROMISE_FIELDS, query)];
    return toPage(await readPage(db, PROMISE_FIELDS, query, where), query, presentPromise);
  },
});
