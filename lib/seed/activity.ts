import type { Db } from "../db";
import type { CallOutcome } from "../contracts/call-outcome";
import type { Prisma } from "../generated/prisma/client";
import { between, pick, seededRandom, type Random } from "./random";

export interface ActivityResult {
  campaignId: string;
  enrollments: number;
  attempts: number;
  payments: number;
  promises: number;
  disputes: number;
  decisions: number;
}

const DAY = 86_400_000;
/** Rough shares of outcomes in an outbound collection campaign (illustrative). */
const OUTCOMES: [CallOutcome, number][] = [
  ["NO_ANSWER", 35], ["VOICEMAIL", 20], ["BUSY", 5], ["WRONG_PARTY", 5], ["RIGHT_PARTY_CONTACT", 10], ["PROMISE_TO_PAY", 12],
  ["PAID_ON_CALL", 3], ["DISPUTE", 3], ["CALLBACK_REQUESTED", 4], ["REFUSAL_TO_PAY", 3],
];
const TALKED = new Set<CallOutcome>(["RIGHT_PARTY_CONTACT", "PROMISE_TO_PAY", "PAID_ON_CALL", "DISPUTE", "CALLBACK_REQUESTED", "REFUSAL_TO_PAY", "WRONG_PARTY"]);
const SIP: Partial<Record<CallOutcome, [number, string]>> = { NO_ANSWER: [480, "no-answer"], BUSY: [486, "busy"] };
const BLOCKS = [
  { code: "SEVEN_IN_SEVEN", rule: "12 CFR 1006.14(b)(2)(i)(A)", detail: "7 calls about this debt in the last 7 days", delayHours: 72 },
  { code: "OUTSIDE_CALLING_HOURS", rule: "12 CFR 1006.6(b)(1)(i)", detail: "before 8 a.m. in a candidate time zone of the debtor", delayHours: 3 },
  { code: "QUIET_PERIOD", rule: "12 CFR 1006.14(b)(2)(i)(B)", detail: "a conversation took place within the last 7 days", delayHours: 120 },
];

function weighted(random: Random): CallOutcome {
  let roll = random() * OUTCOMES.reduce((sum, [, w]) => sum + w, 0);
  for (const [outcome, weight] of OUTCOMES) if ((roll -= weight) < 0) return outcome;
  return "NO_ANSWER";
}

function transcriptFor(outcome: CallOutcome, name: string, amount: string) {
  const lines: [string, string][] = [
    ["agent", `Hello, this is an automated assistant calling for ${name}. This call may be recorded.`],
    ["consumer", outcome === "WRONG_PARTY" ? "Sorry, you have the wrong number." : "Yes, speaking."],
  ];
  if (outcome !== "WRONG_PARTY") {
    lines.push(["agent", "This is an attempt to collect a debt, and any information obtained will be used for that purpose."]);
    const reply: Partial<Record<CallOutcome, string>> = {
      PROMISE_TO_PAY: `I can pay ${amount} next Friday.`,
      PAID_ON_CALL: `I'd like to pay ${amount} right now.`,
      DISPUTE: "I don't think I owe this. I dispute it.",
      CALLBACK_REQUESTED: "I'm at work, call me back tomorrow evening.",
      REFUSAL_TO_PAY: "I'm not going to pay this.",
      RIGHT_PARTY_CONTACT: "I can't talk about payment right now.",
    };
    lines.push(["consumer", reply[outcome] ?? "Okay."]);
  }
  let t = 0;
  return lines.map(([speaker, text]) => ({ speaker, text, startMs: t, endMs: (t += 2_000 + text.length * 60) }));
}

/**
 * Synthetic call activity for an existing portfolio, so the dashboard, the account timeline and the
 * campaign funnel have something to show: one running campaign over the first `accounts` accounts
 * with 1–4 calls each over the last 30 days, transcripts and summaries for conversations, promises
 * (kept, broken or pending), payments, disputes, compliance decisions (some blocks) and audit entries.
 * Deterministic for a seed; a second run with the same seed adds nothing.
 */
export async function seedActivity(client: Db, options: { accounts: number; seed: number; asOf?: Date }): Promise<ActivityResult> {
  const asOf = options.asOf ?? new Date();
  const random = seededRandom(options.seed * 7919 + 17);
  const campaignId = `seed-campaign-${options.seed}`;
  const result: ActivityResult = { campaignId, enrollments: 0, attempts: 0, payments: 0, promises: 0, disputes: 0, decisions: 0 };
  if (await client.campaign.findUnique({ where: { id: campaignId } })) return result;
  const accounts = await client.account.findMany({ take: options.accounts, orderBy: { externalId: "asc" }, include: { debtor: { include: { phones: { orderBy: { priority: "asc" }, take: 1 } } } } });

  const enrollments: Prisma.EnrollmentCreateManyInput[] = [];
  const attempts: Prisma.CallAttemptCreateManyInput[] = [];
  const attemptDebts: Prisma.CallAttemptDebtCreateManyInput[] = [];
  const transcripts: Prisma.TranscriptCreateManyInput[] = [];
  const summaries: Prisma.CallSummaryCreateManyInput[] = [];
  const promises: Prisma.PromiseToPayCreateManyInput[] = [];
  const payments: Prisma.PaymentCreateManyInput[] = [];
  const disputes: Prisma.DisputeCreateManyInput[] = [];
  const decisions: Prisma.ComplianceDecisionCreateManyInput[] = [];
  const audits: Prisma.AuditLogCreateManyInput[] = [];
  const disputed: string[] = [];
  const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;

  for (const account of accounts) {
    const phone = account.debtor.phones[0];
    if (!phone) continue;
    const enrollmentId = `seed-enr-${account.id}`;
    const calls = between(random, 1, 4);
    const times = Array.from({ length: calls }, () => asOf.getTime() - between(random, 0, 29) * DAY - between(random, 0, 8) * 3_600_000).sort((a, b) => a - b);
    let status: Prisma.EnrollmentCreateManyInput["journeyStatus"] = "WAITING_RETRY";
    let made = 0;
    for (const [i, time] of times.entries()) {
      const placedAt = new Date(time);
      const outcome = weighted(random);
      const id = `seed-att-${account.id}-${i}`;
      const [sipStatus, sipResult] = SIP[outcome] ?? [200, "answered"];
      const answered = sipStatus === 200;
      const answeredAt = answered ? new Date(time + 8_000) : null;
      const endedAt = new Date(time + (answered ? between(random, 30, 300) * 1000 : 25_000));
      decisions.push({ id: `seed-dec-${account.id}-${i}`, debtorId: account.debtorId, accountIds: [account.id], phoneId: phone.id, enrollmentId, attemptId: id, decision: "ALLOW", reasons: [], evaluatedAt: new Date(time - 1_000), snapshot: { seeded: true } });
      attempts.push({ id, enrollmentId, debtorId: account.debtorId, phoneId: phone.id, phoneNumber: phone.number, idempotencyKey: id, placedAt, answeredAt, endedAt, sipStatus, sipResult, outcome, conversation: TALKED.has(outcome) && outcome !== "WRONG_PARTY", costCents: between(random, 1, 6) });
      attemptDebts.push({ attemptId: id, accountId: account.id });
      made += 1;
      if (!TALKED.has(outcome)) continue;
      const amount = Math.min(account.balanceCents, between(random, 50, 500) * 100);
      transcripts.push({ id: `seed-tr-${id}`, attemptId: id, segments: transcriptFor(outcome, `${account.debtor.firstName} ${account.debtor.lastName}`, money(amount)), receivedAt: endedAt });
      summaries.push({
        id: `seed-sum-${id}`, attemptId: id, source: "OFFLINE_RULES", summary: `Call with outcome ${outcome.toLowerCase().replaceAll("_", " ")}.`, outcome,
        rightPartyContact: outcome !== "WRONG_PARTY", confidence: Math.round((0.6 + random() * 0.39) * 100) / 100, costMicros: between(random, 300, 900),
        promiseAmountCents: outcome === "PROMISE_TO_PAY" ? amount : null, dispute: outcome === "DISPUTE", createdAt: new Date(endedAt.getTime() + 5_000),
      });
      if (outcome === "PROMISE_TO_PAY") {
        const due = new Date(Math.floor((time + 7 * DAY) / DAY) * DAY);
        const resolved = due.getTime() + 3 * DAY < asOf.getTime();
        const kept = resolved && random() < 0.6;
        promises.push({ id: `seed-ptp-${id}`, accountId: account.id, attemptId: id, amountCents: amount, dueDate: due, status: resolved ? (kept ? "KEPT" : "BROKEN") : "PENDING", resolvedAt: resolved ? new Date(due.getTime() + (kept ? 12 * 3_600_000 : 3 * DAY)) : null, createdAt: endedAt });
        if (kept) payments.push({ id: `seed-pay-${id}`, accountId: account.id, accountExternalId: account.externalId, provider: "seed", providerPaymentId: id, amountCents: amount, receivedAt: new Date(due.getTime() + 12 * 3_600_000) });
        status = resolved ? (kept ? "PAID" : "WAITING_RETRY") : "PROMISE_PENDING";
      } else if (outcome === "PAID_ON_CALL") {
        payments.push({ id: `seed-pay-${id}`, accountId: account.id, accountExternalId: account.externalId, provider: "seed", providerPaymentId: id, amountCents: amount, receivedAt: new Date(endedAt.getTime() + 60_000) });
        status = "PAID";
      } else if (outcome === "DISPUTE") {
        disputes.push({ id: `seed-dis-${id}`, accountId: account.id, channel: "ORAL", receivedAt: endedAt, reason: "Consumer says the debt is not theirs." });
        audits.push({ actorType: "WORKFLOW", action: "account.dispute_recorded", entityType: "account", entityId: account.id, data: { attemptId: id }, createdAt: endedAt });
        disputed.push(account.id);
        status = "DISPUTED";
      }
      if (status === "PAID" || status === "DISPUTED") break;
    }
    if (status === "WAITING_RETRY" && random() < 0.25) {
      const block = pick(random, BLOCKS);
      const evaluatedAt = new Date(Math.min(asOf.getTime() - 60_000, (times.at(-1) ?? asOf.getTime()) + DAY));
      decisions.push({ id: `seed-dec-${account.id}-block`, debtorId: account.debtorId, accountIds: [account.id], phoneId: phone.id, enrollmentId, decision: "DENY", reasons: [{ code: block.code, rule: block.rule, detail: block.detail }], nextAllowedAt: new Date(evaluatedAt.getTime() + block.delayHours * 3_600_000), evaluatedAt, snapshot: { seeded: true } });
    }
    enrollments.push({ id: enrollmentId, campaignId, accountId: account.id, journeyStatus: status, attemptsMade: made, nextActionAt: status === "WAITING_RETRY" ? new Date(asOf.getTime() + DAY) : null });
  }

  await client.$transaction(async (tx) => {
    await tx.campaign.create({ data: { id: campaignId, name: "Synthetic spring campaign", status: "RUNNING", strategy: { maxAttempts: 4, cadenceHours: 48 }, segment: { seeded: true }, launchedAt: new Date(asOf.getTime() - 30 * DAY), createdAt: new Date(asOf.getTime() - 31 * DAY) } });
    result.enrollments = (await tx.enrollment.createMany({ data: enrollments })).count;
    result.attempts = (await tx.callAttempt.createMany({ data: attempts })).count;
    await tx.callAttemptDebt.createMany({ data: attemptDebts });
    await tx.transcript.createMany({ data: transcripts });
    await tx.callSummary.createMany({ data: summaries });
    result.promises = (await tx.promiseToPay.createMany({ data: promises })).count;
    result.payments = (await tx.payment.createMany({ data: payments })).count;
    result.disputes = (await tx.dispute.createMany({ data: disputes })).count;
    result.decisions = (await tx.complianceDecision.createMany({ data: decisions })).count;
    await tx.auditLog.createMany({ data: audits });
    if (disputed.length > 0) await tx.account.updateMany({ where: { id: { in: disputed } }, data: { status: "DISPUTED", disputePendingAt: asOf } });
  }, { timeout: 120_000 });
  return result;
}
