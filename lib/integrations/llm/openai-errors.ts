import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { AppError } from "../../errors";

/**
 * Maps what the openai client throws to AppError (STYLE.md §8): rate limits, timeouts, network
 * failures and 5xx are worth another try; any other 4xx (bad request, bad key, unknown model) is
 * not. Messages name the status and the vendor's error code only; the vendor text stays in `cause`.
 * A caller's own abort is rethrown unchanged: nobody should retry what was cancelled.
 */
export function openAiErrorToAppError(error: unknown): unknown {
  if (error instanceof APIUserAbortError) return error;
  if (error instanceof APIConnectionTimeoutError) return new AppError("UPSTREAM_UNAVAILABLE", "The LLM server did not answer in time.", { cause: error });
  if (error instanceof APIConnectionError) return new AppError("UPSTREAM_UNAVAILABLE", "The LLM server could not be reached.", { cause: error });
  if (!(error instanceof APIError) || error.status === undefined) return error;
  const label = `The LLM server answered ${error.status}${error.code ? ` (${error.code})` : ""}.`;
  if (error.status === 429) {
    // An exhausted quota is a 429 too, but waiting will not refill it.
    return new AppError("UPSTREAM_REJECTED", label, { cause: error, retryable: error.code !== "insufficient_quota" });
  }
  if (error.status >= 500) return new AppError("UPSTREAM_UNAVAILABLE", label, { cause: error });
  // 408 and 409 are the transient 4xx the openai client itself retries.
  return new AppError("UPSTREAM_REJECTED", label, { cause: error, retryable: error.status === 408 || error.status === 409 });
}
