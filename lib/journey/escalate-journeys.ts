import { z } from "zod";
import type { Db } from "../db";
import { transaction } from "../db";
import { AppError } from "../errors";
import type { Actor } from "../audit/actor";
import { recordAudit } from "../audit/record-audit";
import { appendOutboxEvent } from "../outbox/append";
import { IdSchema } from "../contracts/api";
import { EVENT, SCOPE } from "../contracts/names";
import { moveJourney } from "./move-journey";
import { TERMINAL_STATUSES, type JourneyStatus } from "./status";

export const EscalateInputSchema = z.strictObject({
  accountId: IdSchema,
  reason: z.string().trim().min(3, "say why, in a few words").max(500),
});

/**
 * Hands an account to a human: every live journey of it ends ESCALATED, with the reason. The
 * journey's plan step reads this status before any dial (lib/journey/plan-step.ts), so no call
 * is placed after it; a call already under way finishes and is recorded as usual. Announces
 * EVENT.journeyEnded per journey, as an automatic escalation does. Returns the enrollments ended.
 */
export async function escalateJourneys(db: Db, input: unknown, actor: Actor): Promise<string[]> {
  const data = EscalateInputSchema.parse(input);
  return transaction(db, "escalate-journeys", async (tx) => {
    const enrollments = await tx.enrollment.findMany({ where: { accountId: data.accountId }, select: { id: true, campaignId: true, journeyStatus: true } });
    const live = enrollments.filter((e) => !TERMINAL_STATUSES.has(e.journeyStatus as JourneyStatus));
    if (live.length === 0) {
      const exists = enrollments.length > 0 || (await tx.account.count({ where: { id: data.accountId } })) > 0;
      throw exists ? new AppError("CONFLICT", "This account has no running journey to escalate.") : new AppError("NOT_FOUND", "No account has this id.");
    }
    const reason = `escalated by an operator: ${data.reason}`;
    const ended: string[] = [];
    for (const e of live) {
      // moveJourney locks the row and re-reads it: a journey that ended meanwhile stays as it ended.
      if (!(await moveJourney(tx, e.id, "ESCALATED", { escalatedAt: new Date(), closedReason: reason, nextActionAt: null }))) continue;
      ended.push(e.id);
      await appendOutboxEvent(tx, {
        aggregateType: "enrollment",
        aggregateId: e.id,
        eventKey: EVENT.journeyEnded,
        scope: SCOPE.enrollment(e.id),
        payload: { enrollmentId: e.id, accountId: data.accountId, campaignId: e.campaignId, status: "ESCALATED", reason },
        idempotencyKey: `journey-ended:${e.id}`,
      });
    }
    await recordAudit(tx, actor, "journey.escalate", { type: "account", id: data.accountId }, { enrollments: ended, reason: data.reason });
    return ended;
  });
}
