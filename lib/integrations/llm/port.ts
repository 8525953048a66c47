import type { CallSummaryResult, SummaryContext, SummarySource } from "../../contracts/call-summary";
import type { TranscriptInput } from "../../contracts/transcript";

export interface SummarizeOptions {
  /** The task's cancellation (ctx.abortController.signal): an aborted call stops waiting at once. */
  readonly signal?: AbortSignal;
}

/**
 * Turns a call's transcript into a checked summary. Two adapters: an LLM behind the OpenAI API
 * (openai-summarizer.ts) and deterministic rules (offline-summarizer.ts); create-summarizer.ts picks one.
 *
 * Failures are AppErrors: `retryable` says whether a task should try again or throw NonRetryableError.
 */
export interface CallSummarizer {
  readonly source: SummarySource;
  summarizeCall(transcript: TranscriptInput, context: SummaryContext, options?: SummarizeOptions): Promise<CallSummaryResult>;
}
