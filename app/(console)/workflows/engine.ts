import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { hatchetClient, type Hatchet } from "@/lib/workflow-runs/client";

/** The SDK client for this console's engine; a clear AppError when none is configured. */
export function engine(): Hatchet {
  const client = hatchetClient(env());
  if (!client) throw new AppError("UPSTREAM_UNAVAILABLE", "No workflow engine is configured: start Recourse with `npm start`, or set HATCHET_CLIENT_TOKEN.");
  return client;
}

/** Turns an engine failure into a message for the page: unreachable is common (engine restarting) and not a bug. */
export function engineProblem(error: unknown): string {
  if (error instanceof AppError) return error.message;
  console.error({ err: error }, "workflow engine request failed");
  return "The workflow engine did not answer. It may be starting or stopped; try again in a moment.";
}
