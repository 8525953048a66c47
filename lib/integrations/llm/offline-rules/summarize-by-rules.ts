import { OUTCOME_RULES, type CallOutcome } from "../../../contracts/call-outcome";
import type { CallSummaryFields, NextBestAction, SummaryContext } from "../../../contracts/call-summary";
import type { TranscriptInput } from "../../../contracts/transcript";
import { MAX_PROMISE_DAYS } from "../check-summary";
import { daysBetween, localDate } from "../local-time";
import { describeSummary } from "./describe";
import { readAmountCents, readCallbackAt, readDate, withoutAmounts } from "./read-dates-and-amounts";
import { normalize, SIGNALS } from "./signals";

/** Outcomes after which the agent had verified the consumer (it names the debt only then, 1006.6(d)(1)). */
const VERIFIED: ReadonlySet<CallOutcome> = new Set(["RIGHT_PARTY_CONTACT", "PROMISE_TO_PAY", "PAID_ON_CALL", "DISPUTE", "REFUSAL_TO_PAY"]);

/**
 * A deterministic summary from the transcript and the agent's disposition, without an LLM. The
 * disposition (a tool call the agent made) wins; otherwise phrases decide, the most protective
 * first (attorney, stop calling, dispute before a promise). Same input, same output.
 */
export function summarizeByRules(transcript: TranscriptInput, context: SummaryContext): CallSummaryFields {
  const callStart = new Date(context.callStartedAt);
  const callDate = localDate(callStart, context.timeZone);
  const turns = transcript.segments.map((s) => ({ speaker: s.speaker, text: normalize(s.text) }));
  const said = turns.filter((t) => t.speaker === "consumer").map((t) => t.text).join(" \n ");
  const inconvenient = new RegExp(SIGNALS.inconvenient.source).test(said);
  // "Don't call me at work" names a blocked time: it is neither a stop request nor a callback.
  const saidBesidesBlocks = said.replace(SIGNALS.inconvenient, " ");
  const has = {
    attorney: SIGNALS.attorney.test(said),
    cease: SIGNALS.cease.test(saidBesidesBlocks),
    dispute: SIGNALS.dispute.test(said) || transcript.disposition === "DISPUTE",
    wrongParty: SIGNALS.wrongParty.test(said),
    identity: SIGNALS.identityConfirmed.test(said),
    refusal: SIGNALS.refusal.test(said),
    hardship: SIGNALS.hardship.test(said),
    callback: SIGNALS.callback.test(saidBesidesBlocks),
    voicemail: SIGNALS.voicemail.test(said),
  };

  const promise = readPromise(turns, callDate, context.balanceCents);
  const promised = promise !== null;
  const callbackAt = has.callback ? readCallbackAt(withoutAmounts(said), callDate, callStart, context.timeZone) : null;

  let outcome: CallOutcome;
  const disposition = transcript.disposition;
  if (disposition && !(disposition === "PROMISE_TO_PAY" && !promised)) outcome = disposition;
  else if (disposition === "PROMISE_TO_PAY") outcome = "RIGHT_PARTY_CONTACT"; // recorded, but no amount and date to hold it to
  else if (turns.length === 0 || said === "") outcome = "ANSWERED_SILENT";
  else if (has.wrongParty && !has.identity) outcome = "WRONG_PARTY";
  else if (has.attorney) outcome = "ATTORNEY_REPRESENTED";
  else if (has.cease) outcome = "CEASE_REQUEST";
  else if (has.dispute) outcome = "DISPUTE";
  else if (promised) outcome = "PROMISE_TO_PAY";
  else if (has.refusal) outcome = "REFUSAL_TO_PAY";
  else if (has.callback) outcome = "CALLBACK_REQUESTED";
  else if (inconvenient) outcome = "INCONVENIENT_TIME";
  else if (has.voicemail && !has.identity) outcome = "VOICEMAIL";
  else if (has.identity || has.hardship) outcome = "RIGHT_PARTY_CONTACT";
  else outcome = "UNVERIFIED_PERSON";

  const ceaseRequest = has.cease || outcome === "CEASE_REQUEST";
  const dispute = has.dispute || outcome === "DISPUTE";
  const rightPartyContact = outcome !== "WRONG_PARTY" && (has.identity || VERIFIED.has(outcome));
  const keepPromise = promised && (outcome === "PROMISE_TO_PAY" || outcome === "PAID_ON_CALL" || outcome === "RIGHT_PARTY_CONTACT");
  const fields: Omit<CallSummaryFields, "summary"> = {
    outcome,
    rightPartyContact,
    promiseAmountCents: keepPromise ? promise.amountCents : null,
    promiseDate: keepPromise ? promise.date : null,
    dispute,
    ceaseRequest,
    callbackAt,
    hardship: has.hardship,
    sentiment: SIGNALS.hostile.test(said) ? "hostile" : ceaseRequest || dispute || has.refusal || SIGNALS.negative.test(said) ? "negative" : promised || SIGNALS.positive.test(said) ? "positive" : "neutral",
    nextBestAction: nextBestAction(outcome, { ceaseRequest, dispute, hardship: has.hardship, unreadPromise: disposition === "PROMISE_TO_PAY" && !promised }),
    // A tool call the agent made is firmer ground than a phrase; no signal at all is the weakest.
    confidence: disposition ? 0.85 : outcome === "UNVERIFIED_PERSON" ? 0.4 : 0.6,
  };
  return { summary: describeSummary(fields, { disposition, callbackRequested: has.callback }), ...fields };
}

/** A promise from the consumer's promising turn, or from the agent's proposal they agreed to; only one we could hold them to. */
function readPromise(turns: { speaker: string; text: string }[], callDate: string, balanceCents: number): { amountCents: number; date: string } | null {
  for (const [i, turn] of turns.entries()) {
    if (turn.speaker !== "consumer") continue;
    const previous = turns[i - 1];
    const agreed = SIGNALS.agreement.test(turn.text) && previous?.speaker === "agent";
    if (!SIGNALS.promise.test(turn.text) && !agreed) continue;
    const text = agreed && previous ? `${previous.text} ${turn.text}` : turn.text;
    const amountCents = readAmountCents(text);
    const date = readDate(withoutAmounts(text), callDate);
    if (amountCents === null || date === null) continue;
    const ahead = daysBetween(callDate, date);
    if (amountCents <= balanceCents && ahead >= 0 && ahead <= MAX_PROMISE_DAYS) return { amountCents, date };
  }
  return null;
}

function nextBestAction(outcome: CallOutcome, flags: { ceaseRequest: boolean; dispute: boolean; hardship: boolean; unreadPromise: boolean }): NextBestAction {
  if (flags.ceaseRequest) return "STOP_CALLING";
  if (outcome === "ATTORNEY_REPRESENTED") return "CONTACT_ATTORNEY_ONLY";
  if (flags.dispute) return "PAUSE_AND_SEND_DISPUTE_INFO";
  switch (outcome) {
    case "PROMISE_TO_PAY":
    case "PAID_ON_CALL":
      return "AWAIT_PAYMENT";
    case "CALLBACK_REQUESTED":
      return "CALL_BACK_AS_REQUESTED";
    case "INCONVENIENT_TIME":
      return "AVOID_STATED_TIME";
    case "WRONG_PARTY":
      return "FLAG_WRONG_NUMBER";
    case "NOT_IN_SERVICE":
      return "MARK_NUMBER_BAD";
    case "RIGHT_PARTY_CONTACT":
      return flags.hardship && !flags.unreadPromise ? "OFFER_HARDSHIP_PLAN" : "HUMAN_REVIEW";
    case "REFUSAL_TO_PAY":
    case "INBOUND_CONVERSATION":
      return "HUMAN_REVIEW";
    default:
      return OUTCOME_RULES[outcome].conversation ? "HUMAN_REVIEW" : "RETRY_PER_CADENCE";
  }
}
