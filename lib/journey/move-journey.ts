import type { Prisma } from "../generated/prisma/client";
import type { Tx } from "../db";
import { assertTransition, canTransition, JOURNEY_STATUSES, TERMINAL_STATUSES, type JourneyStatus } from "./status";

/** For each target, the statuses a journey may move to it from (staying put included; never a finished one). */
const MOVABLE_FROM = new Map<JourneyStatus, JourneyStatus[]>(
  JOURNEY_STATUSES.map((to) => [to, JOURNEY_STATUSES.filter((from) => !TERMINAL_STATUSES.has(from) && (from === to || canTransition(from, to)))]),
);

/** A status read, then changed by someone else before the update, this many times in a row: give up. */
const MAX_RACES = 3;

/**
 * Moves an enrollment's journey to `to` (checked by the one transition table), with extra fields.
 * Staying in the same status only updates the fields; a finished journey is never touched again.
 * Any move takes the journey out of its campaign's line queue unless `fields` puts it there.
 * Returns false when the journey had already finished.
 *
 * One conditional statement (every step of every journey moves it two or three times): the update
 * applies only from a status the table allows, so it is safe outside a transaction too (the
 * database's client for a move on its own). When it applies to nothing, a read says why: finished,
 * an illegal step (thrown), gone — or moved by someone else in between, then it tries again.
 */
export async function moveJourney(client: Tx, enrollmentId: string, to: JourneyStatus, fields: Prisma.EnrollmentUncheckedUpdateInput = {}): Promise<boolean> {
  for (let race = 0; race < MAX_RACES; race++) {
    // A journey that moves leaves its campaign's line queue, unless the move is into it.
    const { count } = await client.enrollment.updateMany({ where: { id: enrollmentId, journeyStatus: { in: MOVABLE_FROM.get(to)! } }, data: { lineQueuedAt: null, ...fields, journeyStatus: to } });
    if (count === 1) return true;
    const current = await client.enrollment.findUnique({ where: { id: enrollmentId }, select: { journeyStatus: true } });
    if (!current) throw new Error(`enrollment ${enrollmentId} not found`);
    const from = current.journeyStatus as JourneyStatus;
    if (TERMINAL_STATUSES.has(from)) return false;
    assertTransition(from, to);
  }
  throw new Error(`enrollment ${enrollmentId} kept changing status while it was being moved to ${to}`);
}
