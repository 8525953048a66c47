import OpenAI from "openai";
import { SummaryContextSchema, type SummaryContext } from "../../contracts/call-summary";
import { TranscriptInputSchema, type TranscriptInput } from "../../contracts/transcript";
import { openAiErrorToAppError } from "./openai-errors";
import type { CallSummarizer } from "./port";
import { SUMMARY_SYSTEM_PROMPT, summaryUserMessage } from "./prompt";
import { readCompletion } from "./read-completion";
import { CALL_SUMMARY_JSON_SCHEMA, CALL_SUMMARY_SCHEMA_NAME } from "./response-format";

export interface OpenAiSummarizerConfig {
  readonly apiKey: string;
  /** An OpenAI-compatible server (Ollama, vLLM, LiteLLM, sim/openai); unset = api.openai.com. */
  readonly baseURL?: string;
  readonly model: string;
  /** Per HTTP attempt. */
  readonly timeoutMs: number;
  /** Retries the openai client makes itself on 408/409/429/5xx and network errors, honouring retry-after. */
  readonly maxRetries: number;
}

/**
 * The LLM adapter: one chat completion with structured outputs (response_format json_schema,
 * strict), temperature 0. Every failure is an AppError with a `retryable` verdict.
 */
export function createOpenAiSummarizer(config: OpenAiSummarizerConfig): CallSummarizer {
  let client: OpenAI | undefined;
  return {
    source: "LLM",
    async summarizeCall(transcript: TranscriptInput, context: SummaryContext, options = {}) {
      // Bounded input (TRANSCRIPT_LIMITS) keeps prompts, and their cost, bounded; a ZodError is not retryable.
      TranscriptInputSchema.parse(transcript);
      SummaryContextSchema.parse(context);
      // Built on first use: the constructor throws without a key, and processes that never summarize should not care.
      client ??= new OpenAI({ apiKey: config.apiKey, baseURL: config.baseURL ?? null, organization: null, project: null, timeout: config.timeoutMs, maxRetries: config.maxRetries });
      let completion;
      try {
        completion = await client.chat.completions.create(
          {
            model: config.model,
            temperature: 0,
            messages: [
              { role: "system", content: SUMMARY_SYSTEM_PROMPT },
              { role: "user", content: summaryUserMessage(transcript, context) },
            ],
            response_format: { type: "json_schema", json_schema: { name: CALL_SUMMARY_SCHEMA_NAME, strict: true, schema: CALL_SUMMARY_JSON_SCHEMA } },
          },
          { signal: options.signal },
        );
      } catch (error) {
        throw openAiErrorToAppError(error);
      }
      return readCompletion(completion, transcript, context, config.model);
    },
  };
}
