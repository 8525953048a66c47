import type { Prisma } from "../generated/prisma/client";
import type { Tx } from "../db";
import { assertTransition, TERMINAL_STATUSES, type JourneyStatus } from "./status";

/**
 * Moves an enrollment's journey to `to` (checked by the one transition table), with extra fields.
 * Staying in the same status only updates the fields; a finished journey is never touched again.
 * Returns false when the journey had already finished.
 */
export async function moveJourney(tx: Tx, enrollmentId: string, to: JourneyStatus, fields: Prisma.EnrollmentUncheckedUpdateInput = {}): Promise<boolean> {
  const rows = await tx.$queryRaw<{ journey_status: JourneyStatus }[]>`SELECT journey_status FROM enrollments WHERE id = ${enrollmentId} FOR UPDATE`;
  const from = rows[0]?.journey_status;
  if (!from) throw new Error(`enrollment ${enrollmentId} not found`);
  if (TERMINAL_STATUSES.has(from)) return false;
  if (from !== to) assertTransition(from, to);
  await tx.enrollment.update({ where: { id: enrollmentId }, data: { ...fields, journeyStatus: to } });
  return true;
}
