import { z } from "zod";

/**
 * Where one enrollment's collection journey stands. Business state lives here, in PostgreSQL;
 * Hatchet holds execution state. Same values as the Prisma `JourneyStatus` enum.
 */
export const JOURNEY_STATUSES = [
  "PENDING",
  "QUEUED",
  "DIALING",
  "WAITING_CALL",
  "SUMMARIZING",
  "WAITING_PAYMENT",
  "WAITING_RETRY",
  "PROMISE_PENDING",
  "PAID",
  "CLOSED",
  "DISPUTED",
  "CEASED",
  "ESCALATED",
  "EXHAUSTED",
  "CANCELLED",
  "FAILED",
] as const;

export const JourneyStatusSchema = z.enum(JOURNEY_STATUSES);
export type JourneyStatus = z.infer<typeof JourneyStatusSchema>;

export const TERMINAL_STATUSES: ReadonlySet<JourneyStatus> = new Set(["PAID", "CLOSED", "DISPUTED", "CEASED", "ESCALATED", "EXHAUSTED", "CANCELLED", "FAILED"]);

/** Exits open to every live journey: a payment, a stop request or a dispute can arrive at any moment. */
const ALWAYS: JourneyStatus[] = ["PAID", "DISPUTED", "CEASED", "CANCELLED", "FAILED", "ESCALATED"];

const NEXT: Record<JourneyStatus, JourneyStatus[]> = {
  PENDING: ["QUEUED"],
  QUEUED: ["DIALING", "WAITING_RETRY", "WAITING_PAYMENT", "PROMISE_PENDING", "EXHAUSTED"],
  DIALING: ["WAITING_CALL", "WAITING_RETRY", "EXHAUSTED"],
  WAITING_CALL: ["SUMMARIZING", "WAITING_RETRY"],
  SUMMARIZING: ["DIALING", "WAITING_RETRY", "WAITING_PAYMENT", "PROMISE_PENDING", "CLOSED", "EXHAUSTED"],
  WAITING_PAYMENT: ["WAITING_RETRY", "PROMISE_PENDING", "CLOSED"],
  WAITING_RETRY: ["DIALING", "WAITING_PAYMENT", "PROMISE_PENDING", "EXHAUSTED"],
  PROMISE_PENDING: ["WAITING_RETRY", "WAITING_PAYMENT", "CLOSED", "EXHAUSTED"],
  PAID: [],
  CLOSED: [],
  DISPUTED: [],
  CEASED: [],
  ESCALATED: [],
  EXHAUSTED: [],
  CANCELLED: [],
  FAILED: [],
};

/** Whether `from → to` is a legal step; terminal journeys never move again. */
export function canTransition(from: JourneyStatus, to: JourneyStatus): boolean {
  if (TERMINAL_STATUSES.has(from)) return false;
  return NEXT[from].includes(to) || ALWAYS.includes(to);
}

export class IllegalTransitionError extends Error {
  override readonly name = "IllegalTransitionError";
  constructor(
    readonly from: JourneyStatus,
    readonly to: JourneyStatus,
  ) {
    super(`A journey cannot go from ${from} to ${to}.`);
  }
}

/** Throws unless the step is legal; the one place every status change is checked. */
export function assertTransition(from: JourneyStatus, to: JourneyStatus): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
}
