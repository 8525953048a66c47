import { defineEndpoint } from "../endpoint";
import { toPage } from "../pagination";
import { computed, createdBetween, equals, readPage } from "../list-page";
import { CALL_FIELDS, DECISION_FIELDS, ENROLLMENT_FIELDS, presentCall, presentCallDetail, presentDecision, presentEnrollment } from "../present";
import { AppError } from "../../errors";
import { Prisma } from "../../generated/prisma/client";
import { IdParamsSchema, pageOf } from "../../contracts/api";
import { CallDetailSchema, CallListQuerySchema, CallSchema, ComplianceDecisionListQuerySchema, ComplianceDecisionSchema, EnrollmentListQuerySchema, EnrollmentSchema } from "../../contracts/calls";

/** The debts each call was about, in account id order (as getCall lists them). */
const ACCOUNT_IDS = computed<{ accountIds: string[] }>(Prisma.sql`ARRAY(SELECT d."account_id" FROM "call_attempt_debts" d WHERE d."attempt_id" = "call_attempts"."id" ORDER BY d."account_id") AS "accountIds"`);

export const listEnrollmentsEndpoint = defineEndpoint({
  operationId: "listEnrollments", method: "GET", path: "/api/v1/enrollments", scope: "read", tag: "Activity", summary: "List enrollments (one journey per account and campaign).",
  query: EnrollmentListQuerySchema, response: pageOf(EnrollmentSchema),
  run: async ({ db, query }) => {
    const where = [equals(ENROLLMENT_FIELDS, "campaignId", query.campaignId), equals(ENROLLMENT_FIELDS, "accountId", query.accountId), equals(ENROLLMENT_FIELDS, "journeyStatus", query.journeyStatus), ...createdBetween(ENROLLMENT_FIELDS, query)];
    return toPage(await readPage(db, ENROLLMENT_FIELDS, query, where), query, presentEnrollment);
  },
});

export const listCallsEndpoint = defineEndpoint({
  operationId: "listCalls", method: "GET", path: "/api/v1/calls", scope: "read", tag: "Activity", summary: "List call attempts; filter by enrollment, debtor, account, outcome.",
  query: CallListQuerySchema, response: pageOf(CallSchema),
  run: async ({ db, query }) => {
    const where = [
      equals(CALL_FIELDS, "enrollmentId", query.enrollmentId), equals(CALL_FIELDS, "debtorId", query.debtorId), equals(CALL_FIELDS, "outcome", query.outcome), ...createdBetween(CALL_FIELDS, query),
      query.accountId ? Prisma.sql`EXISTS (SELECT 1 FROM "call_attempt_debts" d WHERE d."attempt_id" = "call_attempts"."id" AND d."account_id" = ${query.accountId})` : undefined,
    ];
    return toPage(await readPage(db, CALL_FIELDS, query, where, ACCOUNT_IDS), query, presentCall);
  },
});

export const getCallEndpoint = defineEndpoint({
  operationId: "getCall", method: "GET", path: "/api/v1/calls/{id}", scope: "read", tag: "Activity", summary: "One call with its transcript and summary when present.",
  params: IdParamsSchema, response: CallDetailSchema,
  run: async ({ db, params }) => {
    const row = await db.callAttempt.findUnique({ where: { id: params.id }, select: { ...CALL_FIELDS.select, debts: { select: { accountId: true }, orderBy: { accountId: "asc" } }, transcript: true, summary: true } });
    if (!row) throw new AppError("NOT_FOUND", "No call has this id.");
    return presentCallDetail({ ...row, accountIds: row.debts.map((d) => d.accountId) });
  },
});

export const listComplianceDecisionsEndpoint = defineEndpoint({
  operationId: "listComplianceDecisions", method: "GET", path: "/api/v1/compliance-decisions", scope: "read", tag: "Activity", summary: "List compliance gate decisions with their reasons.",
  query: ComplianceDecisionListQuerySchema, response: pageOf(ComplianceDecisionSchema),
  run: async ({ db, query }) => {
    const where = [equals(DECISION_FIELDS, "debtorId", query.debtorId), equals(DECISION_FIELDS, "enrollmentId", query.enrollmentId), equals(DECISION_FIELDS, "decision", query.decision)];
    return toPage(await readPage(db, DECISION_FIELDS, query, where), query, presentDecision);
  },
});
