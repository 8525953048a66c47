import { EVENT, SCOPE } from "../contracts/names";
import type { Tx } from "../db";
import { appendOutboxEvent } from "../outbox/append";

/**
 * A campaign's line queue: journeys its call cap turned away, oldest first. Each call of the
 * campaign that ends offers its line to the journey that has waited longest, through a scoped
 * `line:freed` event that wakes that journey alone. Polling instead (every journey at
 * the cap looking again two minutes later) made a 10,000-account launch on 50 lines replan
 * nearly every journey every two minutes: about 80 gate transactions and DENY rows a second,
 * for 50 calls.
 *
 * A queued journey is in WAITING_RETRY with `line_queued_at` set; any other move of the journey
 * (lib/journey/move-journey.ts) takes it out of the queue.
 */

/**
 * How long a journey in the queue sleeps before it looks again on its own: a line that frees
 * without an outcome (a call that never reported back stops counting after the call length cap)
 * wakes nobody, and each queued journey looks again within this long.
 */
export const LINE_QUEUE_FALLBACK_MS = 30 * 60_000;

/**
 * The line `attemptId` held is free (its outcome was just recorded): wakes the longest-waiting
 * journey of its campaign, if any, in the caller's transaction. Once per attempt: the event's
 * idempotency key is the attempt's. Returns the woken enrollment's id.
 */
export async function offerFreedLine(tx: Tx, attemptId: string): Promise<string | null> {
  // SKIP LOCKED: two calls ending at once wake two different journeys instead of queueing on one row.
  const [head] = await tx.$queryRaw<{ id: string; campaign_id: string }[]>`
    UPDATE enrollments e SET line_queued_at = NULL
    WHERE e.id = (
      SELECT w.id FROM enrollments w
      WHERE w.campaign_id = (SELECT en.campaign_id FROM call_attempts a JOIN enrollments en ON en.id = a.enrollment_id WHERE a.id = ${attemptId})
        AND w.line_queued_at IS NOT NULL AND w.journey_status = 'WAITING_RETRY'
      ORDER BY w.line_queued_at, w.id LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING e.id, e.campaign_id`;
  if (!head) return null;
  await appendOutboxEvent(tx, {
    aggregateType: "enrollment",
    aggregateId: head.id,
    eventKey: EVENT.campaignLineFreed,
    scope: SCOPE.enrollment(head.id),
    payload: { enrollmentId: head.id, campaignId: head.campaign_id, freedBy: attemptId },
    idempotencyKey: `line-freed:${attemptId}`,
  });
  return head.id;
}
