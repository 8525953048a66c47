import type { Account, ApiKey, CallAttempt, CallSummary, Campaign, ComplianceDecision, Debtor, Dispute, Enrollment, Payment, Phone, PromiseToPay, Transcript } from "../generated/prisma/client";
import { isoString } from "./iso-string";
import { rowFields, type RowOf } from "./row-fields";

/**
 * Rows → API objects: ISO strings for instants, only the fields the contract names. Each
 * presenter declares the fields it reads (`*_FIELDS`): list pages and single-record reads fetch
 * just those columns, and the compiler keeps the presenter from reading any other.
 */
const iso = (d: Date | null): string | null => (d ? isoString(d) : null);
const day = (d: Date | null): string | null => (d ? isoString(d).slice(0, 10) : null);

export const PHONE_FIELDS = rowFields<Phone>()("phones", "id", "number", "lineType", "status", "tcpaConsentAt", "consentRevokedAt");
export const presentPhone = (p: RowOf<typeof PHONE_FIELDS>) => ({ id: p.id, number: p.number, lineType: p.lineType, status: p.status, tcpaConsentAt: iso(p.tcpaConsentAt), consentRevokedAt: iso(p.consentRevokedAt) });

export const DEBTOR_FIELDS = rowFields<Debtor>()("debtors", "id", "externalId", "firstName", "lastName", "language", "state", "timeZoneCandidates", "ceaseCommunicationAt", "refusedToPayAt", "stopCallingAt", "createdAt", "updatedAt");
export const presentDebtor = (d: RowOf<typeof DEBTOR_FIELDS> & { phones: RowOf<typeof PHONE_FIELDS>[] }) => ({
  id: d.id, externalId: d.externalId, firstName: d.firstName, lastName: d.lastName, language: d.language, state: d.state, timeZoneCandidates: d.timeZoneCandidates,
  ceaseCommunicationAt: iso(d.ceaseCommunicationAt), refusedToPayAt: iso(d.refusedToPayAt), stopCallingAt: iso(d.stopCallingAt),
  createdAt: isoString(d.createdAt), updatedAt: isoString(d.updatedAt), phones: d.phones.map(presentPhone),
});

export const ACCOUNT_FIELDS = rowFields<Account>()("accounts", "id", "externalId", "debtorId", "creditor", "balanceCents", "originalBalanceCents", "currency", "status", "timeBarred", "disputePendingAt", "createdAt", "updatedAt");
export const presentAccount = (a: RowOf<typeof ACCOUNT_FIELDS>) => ({
  id: a.id, externalId: a.externalId, debtorId: a.debtorId, creditor: a.creditor, balanceCents: a.balanceCents, originalBalanceCents: a.originalBalanceCents,
  currency: a.currency, status: a.status, timeBarred: a.timeBarred, disputePendingAt: iso(a.disputePendingAt), createdAt: isoString(a.createdAt), updatedAt: isoString(a.updatedAt),
});

export const CAMPAIGN_FIELDS = rowFields<Campaign>()("campaigns", "id", "name", "status", "strategy", "segment", "concurrency", "launchedAt", "pausedAt", "cancelledAt", "completedAt", "createdAt");
export const presentCampaign = (c: RowOf<typeof CAMPAIGN_FIELDS>) => ({
  id: c.id, name: c.name, status: c.status, strategy: c.strategy as Record<string, unknown>, segment: c.segment as Record<string, unknown>, concurrency: c.concurrency,
  launchedAt: iso(c.launchedAt), pausedAt: iso(c.pausedAt), cancelledAt: iso(c.cancelledAt), completedAt: iso(c.completedAt), createdAt: isoString(c.createdAt),
});

export const PAYMENT_FIELDS = rowFields<Payment>()("payments", "id", "accountId", "accountExternalId", "provider", "providerPaymentId", "amountCents", "currency", "receivedAt", "status", "createdAt");
export const presentPayment = (p: RowOf<typeof PAYMENT_FIELDS>) => ({
  id: p.id, accountId: p.accountId, accountExternalId: p.accountExternalId, provider: p.provider, providerPaymentId: p.providerPaymentId, amountCents: p.amountCents,
  currency: p.currency, receivedAt: isoString(p.receivedAt), status: p.status, createdAt: isoString(p.createdAt),
});

export const PROMISE_FIELDS = rowFields<PromiseToPay>()("promises_to_pay", "id", "accountId", "attemptId", "amountCents", "dueDate", "graceDays", "status", "resolvedAt", "createdAt");
export const presentPromise = (p: RowOf<typeof PROMISE_FIELDS>) => ({
  id: p.id, accountId: p.accountId, attemptId: p.attemptId, amountCents: p.amountCents, dueDate: day(p.dueDate)!, graceDays: p.graceDays, status: p.status, resolvedAt: iso(p.resolvedAt), createdAt: isoString(p.createdAt),
});

export const DISPUTE_FIELDS = rowFields<Dispute>()("disputes", "id", "accountId", "channel", "status", "reason", "receivedAt", "createdAt");
export const presentDispute = (d: RowOf<typeof DISPUTE_FIELDS>) => ({ id: d.id, accountId: d.accountId, channel: d.channel, status: d.status, reason: d.reason, receivedAt: isoString(d.receivedAt), createdAt: isoString(d.createdAt) });

export const ENROLLMENT_FIELDS = rowFields<Enrollment>()("enrollments", "id", "campaignId", "accountId", "journeyStatus", "attemptsMade", "nextActionAt", "closedReason", "createdAt", "updatedAt");
export const presentEnrollment = (e: RowOf<typeof ENROLLMENT_FIELDS>) => ({
  id: e.id, campaignId: e.campaignId, accountId: e.accountId, journeyStatus: e.journeyStatus, attemptsMade: e.attemptsMade, nextActionAt: iso(e.nextActionAt), closedReason: e.closedReason,
  createdAt: isoString(e.createdAt), updatedAt: isoString(e.updatedAt),
});

export const CALL_FIELDS = rowFields<CallAttempt>()("call_attempts", "id", "enrollmentId", "debtorId", "phoneNumber", "direction", "placedAt", "answeredAt", "endedAt", "outcome", "counted", "conversation");
/** `accountIds`: the debts the call was about (call_attempt_debts), in account id order. */
export const presentCall = (c: RowOf<typeof CALL_FIELDS> & { accountIds: string[] }) => ({
  id: c.id, enrollmentId: c.enrollmentId, debtorId: c.debtorId, accountIds: c.accountIds, phoneNumber: c.phoneNumber, direction: c.direction,
  placedAt: isoString(c.placedAt), answeredAt: iso(c.answeredAt), endedAt: iso(c.endedAt), outcome: c.outcome, counted: c.counted, conversation: c.conversation,
});

export const presentCallDetail = (c: RowOf<typeof CALL_FIELDS> & { accountIds: string[]; transcript: Transcript | null; summary: CallSummary | null }) => ({
  ...presentCall(c),
  transcript: c.transcript ? { language: c.transcript.language, segments: c.transcript.segments as { speaker: string; text: string }[], receivedAt: isoString(c.transcript.receivedAt) } : null,
  summary: c.summary
    ? { source: c.summary.source, summary: c.summary.summary, outcome: c.summary.outcome, rightPartyContact: c.summary.rightPartyContact, promiseAmountCents: c.summary.promiseAmountCents, promiseDate: day(c.summary.promiseDate), dispute: c.summary.dispute, ceaseRequest: c.summary.ceaseRequest, nextBestAction: c.summary.nextBestAction, confidence: c.summary.confidence }
    : null,
});

export const DECISION_FIELDS = rowFields<ComplianceDecision>()("compliance_decisions", "id", "debtorId", "accountIds", "enrollmentId", "attemptId", "decision", "reasons", "nextAllowedAt", "evaluatedAt");
export const presentDecision = (d: RowOf<typeof DECISION_FIELDS>) => ({
  id: d.id, debtorId: d.debtorId, accountIds: d.accountIds, enrollmentId: d.enrollmentId, attemptId: d.attemptId, decision: d.decision,
  reasons: d.reasons as { code: string }[], nextAllowedAt: iso(d.nextAllowedAt), evaluatedAt: isoString(d.evaluatedAt),
});

export const presentApiKey = (k: ApiKey) => ({ id: k.id, name: k.name, prefix: k.prefix, scopes: k.scopes, rateLimitPerMinute: k.rateLimitPerMinute, lastUsedAt: iso(k.lastUsedAt), revokedAt: iso(k.revokedAt), createdAt: isoString(k.createdAt) });
