import type { Prisma } from "../generated/prisma/client";
import type { Tx } from "../db";
import { assertTransition, canTransition, JOURNEY_STATUSES, TERMINAL_STATUSES, type JourneyStatus } from "./status";

/** For each target, the statuses a journey may move to it from (staying put included; never a finished one). */
const MOVABLE_FROM = new Map<JourneyStatus, JourneyStatus[]>(
  JOURNEY_STATUSES.map((to) => [to, JOURNEY_STATUSES.filter((from) => !TERMINAL_STATUSES.has(from) && (from === to || canTransition(from, to)))]),
);

/**
 * Moves an enrollment's journey to `to` (checked by the one transition table), with extra fields.
 * Staying in the same status only updates the fields; a finished journey is never touched again.
 * Returns false when the journey had already finished.
 *
 * One conditional statement (every step of every journey moves it two or three times): the update
 * applies only from a status the table allows; when it applies to nothing, a locked read says why.
 */
export async function moveJourney(tx: Tx, enrollmentId: string, to: JourneyStatus, fields: Prisma.EnrollmentUncheckedUpdateInput = {}): Promise<boolean> {
  const { count } = await tx.enrollment.updateMany({ where: { id: enrollmentId, journeyStatus: { in: MOVABLE_FROM.get(to)! } }, data: { ...fields, journeyStatus: to } });
  if (count === 1) return true;
  // Nothing moved: finished, an illegal step, or gone. Read under the row lock to tell which (and
  // move after all if another transaction changed the status in between).
  const rows = await tx.$queryRaw<{ journey_status: JourneyStatus }[]>`SELECT journey_status FROM enrollments WHERE id = ${enrollmentId} FOR UPDATE`;
  const from = rows[0]?.journey_status;
  if (!from) throw new Error(`enrollment ${enrollmentId} not found`);
  if (TERMINAL_STATUSES.has(from)) return false;
  if (from !== to) assertTransition(from, to);
  await tx.enrollment.update({ where: { id: enrollmentId }, data: { ...fields, journeyStatus: to } });
  return true;
}
