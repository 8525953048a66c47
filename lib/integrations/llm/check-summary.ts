import { OUTCOME_RULES, type CallOutcome } from "../../contracts/call-outcome";
import type { CallSummaryFields, SummaryContext } from "../../contracts/call-summary";
import type { TranscriptInput } from "../../contracts/transcript";
import { daysBetween, isCalendarDate, localDate } from "./local-time";

/** A promise further out than this is not a promise we can track (the journey waits at most a year). */
export const MAX_PROMISE_DAYS = 365;
/** A callback further out than this is treated as a misheard time (callback consent windows are 7 days). */
export const MAX_CALLBACK_DAYS = 30;

const NEEDS_VERIFIED_PARTY: ReadonlySet<CallOutcome> = new Set(["RIGHT_PARTY_CONTACT", "PROMISE_TO_PAY", "PAID_ON_CALL"]);

/**
 * What is wrong with a schema-valid summary once it is held against the call it describes; empty when
 * nothing is. The transcript is untrusted and so is anything derived from it: these checks keep a
 * model that was talked into something (a payment that never happened, a promise above the balance,
 * a cleared stop request) from turning that into a business fact.
 */
export function summaryProblems(fields: CallSummaryFields, transcript: TranscriptInput, context: SummaryContext): string[] {
  const problems: string[] = [];
  const disposition = transcript.disposition;
  const callDate = localDate(new Date(context.callStartedAt), context.timeZone);

  if (fields.promiseAmountCents !== null && fields.promiseAmountCents > context.balanceCents) {
    problems.push(`promiseAmountCents ${fields.promiseAmountCents} exceeds the balance ${context.balanceCents}`);
  }
  if ((fields.promiseAmountCents === null) !== (fields.promiseDate === null)) {
    problems.push("promiseAmountCents and promiseDate go together: both or neither");
  }
  if (fields.outcome === "PROMISE_TO_PAY" && (fields.promiseAmountCents === null || fields.promiseDate === null)) {
    problems.push("outcome PROMISE_TO_PAY needs promiseAmountCents and promiseDate");
  }
  if (fields.promiseDate !== null) {
    if (!isCalendarDate(fields.promiseDate)) problems.push(`promiseDate ${fields.promiseDate} is not a calendar date`);
    else {
      const ahead = daysBetween(callDate, fields.promiseDate);
      if (ahead < 0) problems.push(`promiseDate ${fields.promiseDate} is before the call (${callDate})`);
      if (ahead > MAX_PROMISE_DAYS) problems.push(`promiseDate ${fields.promiseDate} is more than ${MAX_PROMISE_DAYS} days after the call`);
    }
  }
  if (fields.callbackAt !== null) {
    const aheadMs = Date.parse(fields.callbackAt) - Date.parse(context.callStartedAt);
    if (aheadMs < 0) problems.push(`callbackAt ${fields.callbackAt} is before the call`);
    if (aheadMs > MAX_CALLBACK_DAYS * 86_400_000) problems.push(`callbackAt ${fields.callbackAt} is more than ${MAX_CALLBACK_DAYS} days after the call`);
  }

  // A payment is a fact recorded by the agent's payment tool, never something read into words.
  if (fields.outcome === "PAID_ON_CALL" && disposition !== "PAID_ON_CALL") problems.push("outcome PAID_ON_CALL without a payment recorded on the call");
  // Outcomes that do not count toward 7-in-7 lower the count: only telephony signals may say so (COMPLIANCE.md §9).
  if (!OUTCOME_RULES[fields.outcome].counts && disposition !== fields.outcome) {
    problems.push(`outcome ${fields.outcome} is not counted toward the call limits and must come from the call's signals`);
  }
  // A stop signal the agent recorded cannot be cleared by a summary (contact less when in doubt).
  if (disposition === "CEASE_REQUEST" && !fields.ceaseRequest) problems.push("the call recorded a cease request; ceaseRequest must be true");
  if (disposition === "DISPUTE" && !fields.dispute) problems.push("the call recorded a dispute; dispute must be true");
  if (fields.outcome === "CEASE_REQUEST" && !fields.ceaseRequest) problems.push("outcome CEASE_REQUEST needs ceaseRequest true");
  if (fields.outcome === "DISPUTE" && !fields.dispute) problems.push("outcome DISPUTE needs dispute true");

  if (fields.outcome === "WRONG_PARTY" && fields.rightPartyContact) problems.push("outcome WRONG_PARTY contradicts rightPartyContact");
  if (NEEDS_VERIFIED_PARTY.has(fields.outcome) && !fields.rightPartyContact) problems.push(`outcome ${fields.outcome} needs rightPartyContact`);
  return problems;
}
