import { TranscriptInputSchema } from "../contracts/transcript";
import { CallOutcomeSchema, type CallOutcome } from "../contracts/call-outcome";
import { EVENT, SCOPE } from "../contracts/names";
import { recordCallOutcome } from "../calls/record-outcome";
import { recordCallSummary } from "../calls/record-call-summary";
import { transaction, type Db } from "../db";
import { AppError } from "../errors";
import type { CallSummarizer } from "../integrations/llm/port";
import { appendOutboxEvent } from "../outbox/append";
import { enqueueWebhookDeliveries } from "../webhooks/enqueue-webhook-deliveries";
import { WEBHOOK_EVENT } from "../webhooks/event-types";
import { loadFinishedCall } from "./load-finished-call";
import { moveJourney } from "./move-journey";

const DEFAULT_ZONE = "America/New_York";

/**
 * After a call ended: summarizes its transcript (LLM or offline rules), stores the summary, sets
 * the attempt's outcome once (the agent's disposition wins over the model's reading) with its
 * COMPLIANCE.md §9 consequences, and records a promise to pay. A call that never connected, or
 * one with no transcript, keeps the outcome the dial or the webhook gave it. Idempotent: every
 * write is keyed on the attempt, so a retried step changes nothing.
 */
export async function finishCall(db: Db, summarizer: CallSummarizer, attemptId: string, options: { signal?: AbortSignal; now?: Date } = {}): Promise<{ outcome: CallOutcome; summarized: boolean }> {
  const attempt = await loadFinishedCall(db, attemptId);
  if (!attempt) throw new AppError("NOT_FOUND", "No call attempt has this id.");
  if (attempt.enrollmentId) await moveJourney(db, attempt.enrollmentId, attempt.answeredAt ? "SUMMARIZING" : "WAITING_RETRY");
  if (!attempt.transcript) {
    if (attempt.outcome) return { outcome: CallOutcomeSchema.parse(attempt.outcome), summarized: false };
    // Answered with nothing said, or no word from the call at all: counted, conservatively.
    const outcome: CallOutcome = attempt.answeredAt ? "ANSWERED_SILENT" : "CARRIER_ERROR";
    const recorded = await recordCallOutcome(db, attemptId, outcome, { endedAt: attempt.endedAt ?? options.now ?? new Date() }, options.now ? { now: options.now } : {});
    return { outcome: recorded.outcome, summarized: false };
  }
  const transcript = TranscriptInputSchema.parse({
    attemptId,
    language: attempt.transcript.language,
    ...(attempt.transcript.disposition ? { disposition: attempt.transcript.disposition } : {}),
    segments: attempt.transcript.segments,
  });
  // A summary stored by an earlier try is reused (in the summarizer's shape: its promise date a
  // calendar day, as a new summary gives it), so a retry neither pays the model twice nor differs.
  const summary =
    attempt.summary ??
    (await (async () => {
      const result = await summarizer.summarizeCall(
        transcript,
        { balanceCents: attempt.balanceCents, callStartedAt: (attempt.answeredAt ?? attempt.placedAt).toISOString(), timeZone: attempt.timeZone ?? DEFAULT_ZONE },
        options.signal ? { signal: options.signal } : {},
      );
      await recordCallSummary(db, attemptId, result);
      return result;
    })());
  const outcome = (transcript.disposition ?? summary.outcome) as CallOutcome;
  const callbackAt = summary.callbackAt ? new Date(summary.callbackAt) : null;
  const recorded = await recordCallOutcome(db, attemptId, outcome, { ...(attempt.endedAt ? { endedAt: attempt.endedAt } : {}), ...(callbackAt ? { callbackUntil: callbackAt } : {}) }, options.now ? { now: options.now } : {});

  const promiseAmount = summary.promiseAmountCents;
  const promiseDate = summary.promiseDate;
  const account = attempt.account;
  if (promiseAmount && promiseDate && account && (recorded.outcome === "PROMISE_TO_PAY" || outcome === "PROMISE_TO_PAY")) {
    await transaction(db, "record-promise", async (tx) => {
      const existing = await tx.promiseToPay.findFirst({ where: { attemptId } });
      if (existing) return;
      const promise = await tx.promiseToPay.create({ data: { accountId: account.id, attemptId, amountCents: promiseAmount, dueDate: new Date(`${promiseDate}T00:00:00Z`) } });
      const payload = { promiseId: promise.id, accountId: account.id, attemptId, amountCents: promiseAmount, dueDate: promiseDate };
      await appendOutboxEvent(tx, { aggregateType: "account", aggregateId: account.id, eventKey: EVENT.promiseMade, scope: SCOPE.account(account.id), payload, idempotencyKey: `promise-made:${attemptId}` });
      // The same fact key as a promise taken through the API (lib/consumer-requests/record-promise.ts).
      await enqueueWebhookDeliveries(tx, WEBHOOK_EVENT.promiseMade, promise.id, { ...payload, accountExternalId: account.externalId });
    });
  }
  return { outcome: recorded.outcome, summarized: true };
}
