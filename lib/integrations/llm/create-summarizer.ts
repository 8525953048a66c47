import { createOfflineSummarizer } from "./offline-summarizer";
import { createOpenAiSummarizer } from "./openai-summarizer";
import type { CallSummarizer } from "./port";

/** The LLM settings of lib/env.ts, passed in so the choice is testable without process.env. */
export interface SummarizerSettings {
  readonly OPENAI_API_KEY?: string | undefined;
  readonly OPENAI_BASE_URL?: string | undefined;
  readonly OPENAI_MODEL: string;
  readonly OPENAI_TIMEOUT_MS: number;
  readonly OPENAI_MAX_RETRIES: number;
}

/**
 * The summarizer for this process: the LLM when OPENAI_API_KEY is set, otherwise the offline rules
 * (env.modes.llm says which, and `npm start` prints it; the production profile requires the key, so
 * production never lands on the rules by accident). Call once where the process starts.
 */
export function createCallSummarizer(settings: SummarizerSettings): CallSummarizer {
  if (!settings.OPENAI_API_KEY) return createOfflineSummarizer();
  return createOpenAiSummarizer({
    apiKey: settings.OPENAI_API_KEY,
    ...(settings.OPENAI_BASE_URL ? { baseURL: settings.OPENAI_BASE_URL } : {}),
    model: settings.OPENAI_MODEL,
    timeoutMs: settings.OPENAI_TIMEOUT_MS,
    maxRetries: settings.OPENAI_MAX_RETRIES,
  });
}
