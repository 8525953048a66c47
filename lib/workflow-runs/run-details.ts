import { z } from "zod";
import type { Hatchet } from "./client";
import { readableError } from "./readable-error";
import { RunStatusSchema, toRunSummary, type RunSummary } from "./list-runs";

export const TaskStepSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: RunStatusSchema,
  /** 1 for the first try; retries add one each. */
  attempt: z.number().int(),
  retryCount: z.number().int(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  errorMessage: z.string().nullable(),
});
export type TaskStep = z.infer<typeof TaskStepSchema>;

export interface RunEvent {
  at: string;
  type: string;
  task: string | null;
  message: string;
  error: string | null;
}

export interface RunDetails {
  run: RunSummary;
  tasks: TaskStep[];
  events: RunEvent[];
  input: unknown;
}

/** A workflow run with its task steps (status, attempts, errors, timings) and its event log; null when unknown. */
export async function runDetails(hatchet: Hatchet, runId: string): Promise<RunDetails | null> {
  let details: Awaited<ReturnType<Hatchet["runs"]["get"]>>;
  try {
    details = await hatchet.runs.get(runId);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
  const run = details.run as typeof details.run & { displayName?: string; workflowName?: string; workflowRunExternalId?: string; errorMessage?: string; input?: unknown };
  return {
    run: toRunSummary({ ...run, metadata: { id: runId }, workflowRunExternalId: runId, displayName: run.displayName ?? runId, createdAt: run.metadata.createdAt }),
    input: run.input ?? null,
    tasks: details.tasks.map((t) =>
      TaskStepSchema.parse({
        id: t.taskExternalId ?? t.metadata.id,
        name: t.displayName,
        status: t.status,
        attempt: t.attempt ?? (t.retryCount ?? 0) + 1,
        retryCount: t.retryCount ?? 0,
        startedAt: t.startedAt ?? null,
        finishedAt: t.finishedAt ?? null,
        durationMs: t.duration ?? null,
        errorMessage: readableError(t.errorMessage),
      }),
    ),
    events: details.taskEvents
      .map((e) => ({ at: e.timestamp, type: String(e.eventType), task: e.taskDisplayName ?? null, message: readableError(e.message) ?? "", error: readableError(e.errorMessage) }))
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)),
  };
}

function isNotFound(error: unknown): boolean {
  const status = (error as { response?: { status?: number } } | null)?.response?.status;
  return status === 404 || status === 400;
}
