import { z } from "zod";

/**
 * Every way a placed (or inbound) call can end, from ../shared/COMPLIANCE.md §9.
 * The same names are the Prisma `CallOutcome` enum, the summarizer's output and the
 * compliance gate's input, so one list serves all three.
 */
export const CALL_OUTCOMES = [
  "NOT_IN_SERVICE",
  "BUSY",
  "CARRIER_ERROR",
  "NO_ANSWER",
  "VOICEMAIL",
  "ANSWERED_SILENT",
  "UNVERIFIED_PERSON",
  "WRONG_PARTY",
  "RIGHT_PARTY_CONTACT",
  "PROMISE_TO_PAY",
  "PAID_ON_CALL",
  "DISPUTE",
  "REFUSAL_TO_PAY",
  "CEASE_REQUEST",
  "ATTORNEY_REPRESENTED",
  "INCONVENIENT_TIME",
  "CALLBACK_REQUESTED",
  "INBOUND_CONVERSATION",
] as const;

export const CallOutcomeSchema = z.enum(CALL_OUTCOMES);
export type CallOutcome = z.infer<typeof CallOutcomeSchema>;

/** How an outcome weighs under 12 CFR 1006.14(b): the 7-call count and the 7-day quiet period. */
export interface OutcomeRule {
  /** Counts toward the 7 calls in 7 days (a placed call that connected, or may have). */
  readonly counts: boolean;
  /** Is a conversation: starts the 7-day quiet period for the debt. */
  readonly conversation: boolean;
}

/**
 * COMPLIANCE.md §9 as data. Where a signal is ambiguous the table takes the reading that
 * contacts the consumer less (a carrier error counts; an unverified live person is a conversation).
 */
export const OUTCOME_RULES: Readonly<Record<CallOutcome, OutcomeRule>> = {
  NOT_IN_SERVICE: { counts: false, conversation: false },
  BUSY: { counts: false, conversation: false },
  CARRIER_ERROR: { counts: true, conversation: false },
  NO_ANSWER: { counts: true, conversation: false },
  VOICEMAIL: { counts: true, conversation: false },
  ANSWERED_SILENT: { counts: true, conversation: false },
  UNVERIFIED_PERSON: { counts: true, conversation: true },
  WRONG_PARTY: { counts: true, conversation: false },
  RIGHT_PARTY_CONTACT: { counts: true, conversation: true },
  PROMISE_TO_PAY: { counts: true, conversation: true },
  PAID_ON_CALL: { counts: true, conversation: true },
  DISPUTE: { counts: true, conversation: true },
  REFUSAL_TO_PAY: { counts: true, conversation: true },
  CEASE_REQUEST: { counts: true, conversation: true },
  ATTORNEY_REPRESENTED: { counts: true, conversation: true },
  INCONVENIENT_TIME: { counts: true, conversation: true },
  CALLBACK_REQUESTED: { counts: true, conversation: true },
  // Cmt. 14(b)(2)(i)-1.ii: a consumer-started conversation starts the quiet period but is not a counted call.
  INBOUND_CONVERSATION: { counts: false, conversation: true },
};
