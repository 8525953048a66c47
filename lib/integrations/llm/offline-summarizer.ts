import { SummaryContextSchema, type CallSummaryResult, type SummaryContext } from "../../contracts/call-summary";
import { TranscriptInputSchema, type TranscriptInput } from "../../contracts/transcript";
import { AppError } from "../../errors";
import { summaryProblems } from "./check-summary";
import { summarizeByRules } from "./offline-rules/summarize-by-rules";
import type { CallSummarizer } from "./port";

/**
 * The adapter used without OPENAI_API_KEY: deterministic rules, labelled `source: OFFLINE_RULES`
 * in every result (and "[Offline rules]" in the text) so nobody mistakes them for an LLM's reading.
 * Costs nothing and uses no tokens. Its output passes the same checks as an LLM's.
 */
export function createOfflineSummarizer(): CallSummarizer {
  return {
    source: "OFFLINE_RULES",
    async summarizeCall(transcript: TranscriptInput, context: SummaryContext): Promise<CallSummaryResult> {
      // Bounded input (TRANSCRIPT_LIMITS) keeps prompts, and their cost, bounded; a ZodError is not retryable.
      TranscriptInputSchema.parse(transcript);
      SummaryContextSchema.parse(context);
      const fields = summarizeByRules(transcript, context);
      const problems = summaryProblems(fields, transcript, context);
      // The rules are ours: a contradiction is a bug here, and running them again would change nothing.
      if (problems.length > 0) throw new AppError("INTERNAL", "The offline summarizer produced an inconsistent summary.", { retryable: false, errors: problems.map((message) => ({ path: "(summary)", message })) });
      return { ...fields, source: "OFFLINE_RULES", model: null, usage: null, costMicros: 0 };
    },
  };
}
