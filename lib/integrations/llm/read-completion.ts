import type { ChatCompletion } from "openai/resources/chat/completions";
import { CallSummaryFieldsSchema, type CallSummaryResult, type SummaryContext } from "../../contracts/call-summary";
import type { TranscriptInput } from "../../contracts/transcript";
import { AppError, zodFieldErrors } from "../../errors";
import { summaryProblems } from "./check-summary";
import { costMicros } from "./prices";

function invalid(message: string, errors?: { path: string; message: string }[]): AppError {
  return new AppError("UPSTREAM_INVALID_REPLY", message, errors ? { errors } : {});
}

/**
 * Turns a chat completion into a checked summary, or throws. The reply is parsed strictly (no extra
 * fields, enum outcomes) and then held against the call (amounts within the balance, sane dates, no
 * invented payment): a reply failing either is an UPSTREAM_INVALID_REPLY, retryable because sampling
 * again may succeed, and nothing of it is kept.
 */
export function readCompletion(completion: ChatCompletion, transcript: TranscriptInput, context: SummaryContext, requestedModel: string): CallSummaryResult {
  const choice = completion.choices[0];
  if (!choice) throw invalid("The LLM reply had no choices.");
  if (choice.message.refusal) {
    throw new AppError("UPSTREAM_REJECTED", "The model refused to summarize this call.", { errors: [{ path: "refusal", message: choice.message.refusal.slice(0, 500) }] });
  }
  if (choice.finish_reason === "length") throw invalid("The LLM reply was cut off at its token limit.");
  const content = choice.message.content;
  if (!content) throw invalid("The LLM reply had no content.");
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    throw invalid("The LLM reply is not JSON.");
  }
  const parsed = CallSummaryFieldsSchema.safeParse(json);
  if (!parsed.success) throw invalid("The LLM reply does not match the summary schema.", zodFieldErrors(parsed.error));
  const problems = summaryProblems(parsed.data, transcript, context);
  if (problems.length > 0) throw invalid("The LLM reply contradicts the call it summarizes.", problems.map((message) => ({ path: "(summary)", message })));

  const model = completion.model || requestedModel;
  const usage = completion.usage ? { promptTokens: completion.usage.prompt_tokens, completionTokens: completion.usage.completion_tokens } : null;
  return { ...parsed.data, source: "LLM", model, usage, costMicros: usage ? costMicros(model, usage) : null };
}
