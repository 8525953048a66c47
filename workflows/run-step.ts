import { NonRetryableError } from "@hatchet-dev/typescript-sdk/v1/task";
import type { z } from "zod";
import { AppError, isRetryable } from "../lib/errors";
import { recourseMetrics } from "../lib/observability/registry";

/** Every task parses its input first: garbage fails at once, never retried (it would fail again). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new NonRetryableError(`invalid task input: ${parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

/**
 * Runs a step's side effect; failures a retry cannot fix (AppError that is not retryable) end the
 * task for good. With a step name, its duration goes to recourse_step_duration_seconds.
 */
export async function runStep<T>(fn: () => Promise<T>, step?: string): Promise<T> {
  const timer = step ? recourseMetrics().stepDuration.startTimer({ step }) : undefined;
  try {
    const result = await fn();
    timer?.({ result: "ok" });
    return result;
  } catch (error) {
    timer?.({ result: "error" });
    if (error instanceof AppError && !isRetryable(error)) throw new NonRetryableError(`${error.code}: ${error.message}`);
    throw error;
  }
}
