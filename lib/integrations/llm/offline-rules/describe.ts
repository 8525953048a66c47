import type { CallOutcome } from "../../../contracts/call-outcome";
import type { CallSummaryFields } from "../../../contracts/call-summary";
import { formatCents } from "../../../money";

const SENTENCES: Record<CallOutcome, string> = {
  NOT_IN_SERVICE: "The number is not in service.",
  BUSY: "The line was busy.",
  CARRIER_ERROR: "The carrier failed to connect the call.",
  NO_ANSWER: "Nobody answered.",
  VOICEMAIL: "The call reached voicemail or an answering system.",
  ANSWERED_SILENT: "The call was answered but nobody spoke.",
  UNVERIFIED_PERSON: "Someone answered, but their identity was not verified.",
  WRONG_PARTY: "The person who answered said it was the wrong number or person.",
  RIGHT_PARTY_CONTACT: "The agent spoke with the verified consumer.",
  PROMISE_TO_PAY: "The consumer promised to pay.",
  PAID_ON_CALL: "The consumer paid on the call.",
  DISPUTE: "The consumer disputed the debt.",
  REFUSAL_TO_PAY: "The consumer refused to pay.",
  CEASE_REQUEST: "The consumer asked us to stop calling.",
  ATTORNEY_REPRESENTED: "The consumer said an attorney represents them.",
  INCONVENIENT_TIME: "The consumer named a time or place that is inconvenient for calls.",
  CALLBACK_REQUESTED: "The consumer asked to be called back.",
  INBOUND_CONVERSATION: "The consumer called in.",
};

/** A plain-English summary of what the rules found, labelled so nobody mistakes it for an LLM's. */
export function describeSummary(fields: Omit<CallSummaryFields, "summary">, facts: { disposition: CallOutcome | undefined; callbackRequested: boolean }): string {
  const parts = ["[Offline rules]", SENTENCES[fields.outcome]];
  if (fields.promiseAmountCents !== null && fields.promiseDate !== null) parts.push(`Promise: ${formatCents(fields.promiseAmountCents)} by ${fields.promiseDate}.`);
  if (facts.disposition === "PROMISE_TO_PAY" && fields.promiseAmountCents === null) parts.push("The agent recorded a promise, but its amount and date could not be read.");
  if (fields.ceaseRequest && fields.outcome !== "CEASE_REQUEST") parts.push("They also asked us to stop calling.");
  if (fields.dispute && fields.outcome !== "DISPUTE") parts.push("They also disputed the debt.");
  if (fields.hardship) parts.push("They described financial hardship.");
  if (fields.callbackAt) parts.push(`Callback requested for ${fields.callbackAt}.`);
  else if (facts.callbackRequested && fields.outcome === "CALLBACK_REQUESTED") parts.push("No callback time was given.");
  if (facts.disposition) parts.push(`Agent disposition: ${facts.disposition}.`);
  return parts.join(" ");
}
