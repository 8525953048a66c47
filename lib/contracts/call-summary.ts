import { z } from "zod";
import { CallOutcomeSchema } from "./call-outcome";

export const SENTIMENTS = ["positive", "neutral", "negative", "hostile"] as const;
export const SentimentSchema = z.enum(SENTIMENTS);

/**
 * The closed list of follow-ups a summary may suggest. A summary only suggests: the journey decides,
 * and compliance rules (not the summary) decide what is allowed. Closed, so text inside a transcript
 * cannot invent an action such as a refund.
 */
export const NEXT_BEST_ACTIONS = [
  /** A promise or a payment on the call: wait for the money. */
  "AWAIT_PAYMENT",
  /** No conversation: try again within the 7-in-7 and hours rules. */
  "RETRY_PER_CADENCE",
  /** The consumer named a time to call back. */
  "CALL_BACK_AS_REQUESTED",
  /** COMPLIANCE.md §5 oral dispute: pause calls on the debt, explain how to dispute in writing. */
  "PAUSE_AND_SEND_DISPUTE_INFO",
  /** 12 CFR 1006.14(h)(1): "stop calling" bans calls to the person. */
  "STOP_CALLING",
  /** 12 CFR 1006.6(b)(2): represented by an attorney, talk to the attorney only. */
  "CONTACT_ATTORNEY_ONLY",
  /** The consumer named a time or place that is inconvenient (1006.6(b)(1)). */
  "AVOID_STATED_TIME",
  "OFFER_HARDSHIP_PLAN",
  /** Refusal, unclear call, or anything a person should look at. */
  "HUMAN_REVIEW",
  "FLAG_WRONG_NUMBER",
  "MARK_NUMBER_BAD",
] as const;
export const NextBestActionSchema = z.enum(NEXT_BEST_ACTIONS);
export type NextBestAction = z.infer<typeof NextBestActionSchema>;

/** Upper bound of an Int column: money is integer cents in a 32-bit column (see prisma/schema.prisma). */
const MAX_CENTS = 2_147_483_647;

/**
 * What a summarizer (LLM or rules) extracts from one call. Strict: unknown keys are refused, so a
 * model talked into adding fields ("refund": …) fails here instead of being ignored.
 */
export const CallSummaryFieldsSchema = z.strictObject({
  summary: z.string().min(1).max(2_000),
  outcome: CallOutcomeSchema,
  /** The agent verified it spoke with the consumer (1006.6(d)(1)). */
  rightPartyContact: z.boolean(),
  /** Integer cents; never more than the balance (checked against the call's context). */
  promiseAmountCents: z.number().int().positive().max(MAX_CENTS).nullable(),
  /** Calendar date (YYYY-MM-DD) the consumer said they would pay by. */
  promiseDate: z.iso.date().nullable(),
  dispute: z.boolean(),
  ceaseRequest: z.boolean(),
  /** ISO-8601 instant with offset the consumer asked to be called back at. */
  callbackAt: z.iso.datetime({ offset: true }).nullable(),
  hardship: z.boolean(),
  sentiment: SentimentSchema,
  nextBestAction: NextBestActionSchema,
  /** 0..1. */
  confidence: z.number().min(0).max(1),
});
export type CallSummaryFields = z.infer<typeof CallSummaryFieldsSchema>;

export const SummarySourceSchema = z.enum(["LLM", "OFFLINE_RULES"]);
export type SummarySource = z.infer<typeof SummarySourceSchema>;

export const TokenUsageSchema = z.strictObject({
  promptTokens: z.number().int().min(0),
  completionTokens: z.number().int().min(0),
});
export type TokenUsage = z.infer<typeof TokenUsageSchema>;

/** A summary with where it came from and what it cost; JSON-round-trippable, so it can be a task output. */
export const CallSummaryResultSchema = z.strictObject({
  ...CallSummaryFieldsSchema.shape,
  source: SummarySourceSchema,
  /** The model that answered; null for the offline rules. */
  model: z.string().max(200).nullable(),
  usage: TokenUsageSchema.nullable(),
  /** Millionths of a US dollar; null when the model's price is unknown (e.g. a self-hosted model). */
  costMicros: z.number().int().min(0).nullable(),
});
export type CallSummaryResult = z.infer<typeof CallSummaryResultSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** What the summarizer must know about the call besides its transcript, to judge the output. */
export const SummaryContextSchema = z.strictObject({
  /** The account's balance in integer cents: a promise above it is refused. */
  balanceCents: z.number().int().min(0).max(MAX_CENTS),
  callStartedAt: z.iso.datetime({ offset: true }),
  /** IANA zone of the consumer, for "tomorrow at 3" and for the call's local date. */
  timeZone: z.string().refine(isTimeZone, "must be an IANA time zone"),
});
export type SummaryContext = z.infer<typeof SummaryContextSchema>;
