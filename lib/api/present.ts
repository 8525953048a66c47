import type { Account, ApiKey, CallAttempt, CallSummary, Campaign, ComplianceDecision, Debtor, Dispute, Enrollment, Payment, Phone, PromiseToPay, Transcript } from "../generated/prisma/client";

/** Rows → API objects: ISO strings for instants, only the fields the contract names. */
const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const day = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);

export const presentPhone = (p: Phone) => ({ id: p.id, number: p.number, lineType: p.lineType, status: p.status, tcpaConsentAt: iso(p.tcpaConsentAt), consentRevokedAt: iso(p.consentRevokedAt) });

export const presentDebtor = (d: Debtor & { phones: Phone[] }) => ({
  id: d.id, externalId: d.externalId, firstName: d.firstName, lastName: d.lastName, language: d.language, state: d.state, timeZoneCandidates: d.timeZoneCandidates,
  ceaseCommunicationAt: iso(d.ceaseCommunicationAt), refusedToPayAt: iso(d.refusedToPayAt), stopCallingAt: iso(d.stopCallingAt),
  createdAt: d.createdAt.toISOString(), updatedAt: d.updatedAt.toISOString(), phones: d.phones.map(presentPhone),
});

export const presentAccount = (a: Account) => ({
  id: a.id, externalId: a.externalId, debtorId: a.debtorId, creditor: a.creditor, balanceCents: a.balanceCents, originalBalanceCents: a.originalBalanceCents,
  currency: a.currency, status: a.status, timeBarred: a.timeBarred, disputePendingAt: iso(a.disputePendingAt), createdAt: a.createdAt.toISOString(), updatedAt: a.updatedAt.toISOString(),
});

export const presentCampaign = (c: Campaign) => ({
  id: c.id, name: c.name, status: c.status, strategy: c.strategy as Record<string, unknown>, segment: c.segment as Record<string, unknown>, concurrency: c.concurrency,
  launchedAt: iso(c.launchedAt), pausedAt: iso(c.pausedAt), cancelledAt: iso(c.cancelledAt), completedAt: iso(c.completedAt), createdAt: c.createdAt.toISOString(),
});

export const presentPayment = (p: Payment) => ({
  id: p.id, accountId: p.accountId, accountExternalId: p.accountExternalId, provider: p.provider, providerPaymentId: p.providerPaymentId, amountCents: p.amountCents,
  currency: p.currency, receivedAt: p.receivedAt.toISOString(), status: p.status, createdAt: p.createdAt.toISOString(),
});

export const presentPromise = (p: PromiseToPay) => ({
  id: p.id, accountId: p.accountId, attemptId: p.attemptId, amountCents: p.amountCents, dueDate: day(p.dueDate)!, graceDays: p.graceDays, status: p.status, resolvedAt: iso(p.resolvedAt), createdAt: p.createdAt.toISOString(),
});

export const presentDispute = (d: Dispute) => ({ id: d.id, accountId: d.accountId, channel: d.channel, status: d.status, reason: d.reason, receivedAt: d.receivedAt.toISOString(), createdAt: d.createdAt.toISOString() });

export const presentEnrollment = (e: Enrollment) => ({
  id: e.id, campaignId: e.campaignId, accountId: e.accountId, journeyStatus: e.journeyStatus, attemptsMade: e.attemptsMade, nextActionAt: iso(e.nextActionAt), closedReason: e.closedReason,
  createdAt: e.createdAt.toISOString(), updatedAt: e.updatedAt.toISOString(),
});

export const presentCall = (c: CallAttempt & { debts: { accountId: string }[] }) => ({
  id: c.id, enrollmentId: c.enrollmentId, debtorId: c.debtorId, accountIds: c.debts.map((d) => d.accountId), phoneNumber: c.phoneNumber, direction: c.direction,
  placedAt: c.placedAt.toISOString(), answeredAt: iso(c.answeredAt), endedAt: iso(c.endedAt), outcome: c.outcome, counted: c.counted, conversation: c.conversation,
});

export const presentCallDetail = (c: CallAttempt & { debts: { accountId: string }[]; transcript: Transcript | null; summary: CallSummary | null }) => ({
  ...presentCall(c),
  transcript: c.transcript ? { language: c.transcript.language, segments: c.transcript.segments as { speaker: string; text: string }[], receivedAt: c.transcript.receivedAt.toISOString() } : null,
  summary: c.summary
    ? { source: c.summary.source, summary: c.summary.summary, outcome: c.summary.outcome, rightPartyContact: c.summary.rightPartyContact, promiseAmountCents: c.summary.promiseAmountCents, promiseDate: day(c.summary.promiseDate), dispute: c.summary.dispute, ceaseRequest: c.summary.ceaseRequest, nextBestAction: c.summary.nextBestAction, confidence: c.summary.confidence }
    : null,
});

export const presentDecision = (d: ComplianceDecision) => ({
  id: d.id, debtorId: d.debtorId, accountIds: d.accountIds, enrollmentId: d.enrollmentId, attemptId: d.attemptId, decision: d.decision,
  reasons: d.reasons as { code: string }[], nextAllowedAt: iso(d.nextAllowedAt), evaluatedAt: d.evaluatedAt.toISOString(),
});

export const presentApiKey = (k: ApiKey) => ({ id: k.id, name: k.name, prefix: k.prefix, scopes: k.scopes, rateLimitPerMinute: k.rateLimitPerMinute, lastUsedAt: iso(k.lastUsedAt), revokedAt: iso(k.revokedAt), createdAt: k.createdAt.toISOString() });
