import { defineEndpoint } from "../endpoint";
import { createdRange, pageArgs, toPage } from "../pagination";
import { presentCall, presentCallDetail, presentDecision, presentEnrollment } from "../present";
import { AppError } from "../../errors";
import { IdParamsSchema, pageOf } from "../../contracts/api";
import { CallDetailSchema, CallListQuerySchema, CallSchema, ComplianceDecisionListQuerySchema, ComplianceDecisionSchema, EnrollmentListQuerySchema, EnrollmentSchema } from "../../contracts/calls";

export const listEnrollmentsEndpoint = defineEndpoint({
  operationId: "listEnrollments", method: "GET", path: "/api/v1/enrollments", scope: "read", tag: "Activity", summary: "List enrollments (one journey per account and campaign).",
  query: EnrollmentListQuerySchema, response: pageOf(EnrollmentSchema),
  run: async ({ db, query }) => {
    const args = pageArgs(query);
    const rows = await db.enrollment.findMany({ ...args, where: { ...args.where, ...createdRange(query), ...(query.campaignId ? { campaignId: query.campaignId } : {}), ...(query.accountId ? { accountId: query.accountId } : {}), ...(query.journeyStatus ? { journeyStatus: query.journeyStatus } : {}) } });
    return toPage(rows, query, presentEnrollment);
  },
});

export const listCallsEndpoint = defineEndpoint({
  operationId: "listCalls", method: "GET", path: "/api/v1/calls", scope: "read", tag: "Activity", summary: "List call attempts; filter by enrollment, debtor, account, outcome.",
  query: CallListQuerySchema, response: pageOf(CallSchema),
  run: async ({ db, query }) => {
    const args = pageArgs(query);
    const where = { ...args.where, ...createdRange(query), ...(query.enrollmentId ? { enrollmentId: query.enrollmentId } : {}), ...(query.debtorId ? { debtorId: query.debtorId } : {}), ...(query.outcome ? { outcome: query.outcome } : {}), ...(query.accountId ? { debts: { some: { accountId: query.accountId } } } : {}) };
    const rows = await db.callAttempt.findMany({ ...args, where, include: { debts: { select: { accountId: true } } } });
    return toPage(rows, query, presentCall);
  },
});

export const getCallEndpoint = defineEndpoint({
  operationId: "getCall", method: "GET", path: "/api/v1/calls/{id}", scope: "read", tag: "Activity", summary: "One call with its transcript and summary when present.",
  params: IdParamsSchema, response: CallDetailSchema,
  run: async ({ db, params }) => {
    const row = await db.callAttempt.findUnique({ where: { id: params.id }, include: { debts: { select: { accountId: true } }, transcript: true, summary: true } });
    if (!row) throw new AppError("NOT_FOUND", "No call has this id.");
    return presentCallDetail(row);
  },
});

export const listComplianceDecisionsEndpoint = defineEndpoint({
  operationId: "listComplianceDecisions", method: "GET", path: "/api/v1/compliance-decisions", scope: "read", tag: "Activity", summary: "List compliance gate decisions with their reasons.",
  query: ComplianceDecisionListQuerySchema, response: pageOf(ComplianceDecisionSchema),
  run: async ({ db, query }) => {
    const args = pageArgs(query);
    const rows = await db.complianceDecision.findMany({ ...args, where: { ...args.where, ...(query.debtorId ? { debtorId: query.debtorId } : {}), ...(query.enrollmentId ? { enrollmentId: query.enrollmentId } : {}), ...(query.decision ? { decision: query.decision } : {}) } });
    return toPage(rows, query, presentDecision);
  },
});
