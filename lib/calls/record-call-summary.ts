import { CallSummaryResultSchema, type CallSummaryResult } from "../contracts/call-summary";
import type { Db, Tx } from "../db";

/**
 * Stores a call's summary once. A retried task step (or two racing ones) finds the first row instead
 * of failing or adding a second: call_summaries.attempt_id is unique, and the insert skips on it.
 * Returns whether this call stored it; the stored summary is the first one, even if this one differs.
 */
export async function recordCallSummary(db: Db | Tx, attemptId: string, result: CallSummaryResult): Promise<{ created: boolean; summaryId: string }> {
  const summary = CallSummaryResultSchema.parse(result);
  const inserted = await db.callSummary.createMany({
    data: [
      {
        attemptId,
        source: summary.source,
        model: summary.model,
        summary: summary.summary,
        outcome: summary.outcome,
        rightPartyContact: summary.rightPartyContact,
        promiseAmountCents: summary.promiseAmountCents,
        // A calendar date: midnight UTC is how Prisma writes a @db.Date.
        promiseDate: summary.promiseDate ? new Date(`${summary.promiseDate}T00:00:00.000Z`) : null,
        dispute: summary.dispute,
        ceaseRequest: summary.ceaseRequest,
        callbackAt: summary.callbackAt ? new Date(summary.callbackAt) : null,
        hardship: summary.hardship,
        sentiment: summary.sentiment,
        nextBestAction: summary.nextBestAction,
        confidence: summary.confidence,
        promptTokens: summary.usage?.promptTokens ?? null,
        completionTokens: summary.usage?.completionTokens ?? null,
        costMicros: summary.costMicros,
      },
    ],
    skipDuplicates: true,
  });
  const row = await db.callSummary.findUniqueOrThrow({ where: { attemptId }, select: { id: true } });
  return { created: inserted.count === 1, summaryId: row.id };
}
