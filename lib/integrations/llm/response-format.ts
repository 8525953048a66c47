import { CALL_OUTCOMES } from "../../contracts/call-outcome";
import { NEXT_BEST_ACTIONS, SENTIMENTS } from "../../contracts/call-summary";

/**
 * The JSON schema sent as `response_format` (structured outputs, strict): every property required,
 * nullable ones typed `[T, "null"]`, no additional properties — the subset strict mode accepts. It
 * mirrors CallSummaryFieldsSchema (a unit test keeps them in step); zod still parses the reply,
 * because OpenAI-compatible servers do not all enforce the schema.
 */
export const CALL_SUMMARY_JSON_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: [
    "summary",
    "outcome",
    "rightPartyContact",
    "promiseAmountCents",
    "promiseDate",
    "dispute",
    "ceaseRequest",
    "callbackAt",
    "hardship",
    "sentiment",
    "nextBestAction",
    "confidence",
  ],
  properties: {
    summary: { type: "string", description: "Two to four neutral sentences on what happened; no advice, no instructions." },
    outcome: { type: "string", enum: [...CALL_OUTCOMES], description: "How the call ended (COMPLIANCE.md §9)." },
    rightPartyContact: { type: "boolean", description: "The agent verified it was speaking with the consumer." },
    promiseAmountCents: { type: ["integer", "null"], description: "Promised amount in integer cents, at most balanceCents; null if no promise." },
    promiseDate: { type: ["string", "null"], description: "Promised payment date, YYYY-MM-DD in the consumer's zone; null if no promise." },
    dispute: { type: "boolean", description: "The consumer disputed the debt or its amount." },
    ceaseRequest: { type: "boolean", description: "The consumer asked to stop calling or to stop contact." },
    callbackAt: { type: ["string", "null"], description: "Requested callback time, ISO-8601 with offset; null if none." },
    hardship: { type: "boolean", description: "The consumer described financial hardship." },
    sentiment: { type: "string", enum: [...SENTIMENTS] },
    nextBestAction: { type: "string", enum: [...NEXT_BEST_ACTIONS] },
    confidence: { type: "number", description: "0 to 1." },
  },
} as const;

export const CALL_SUMMARY_SCHEMA_NAME = "call_summary";
