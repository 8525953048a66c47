import { V1TaskStatus } from "@hatchet-dev/typescript-sdk/clients/rest/generated/data-contracts";
import { z } from "zod";
import type { Hatchet } from "./client";
import { readableError } from "./readable-error";

export const RUN_STATUSES = ["QUEUED", "RUNNING", "COMPLETED", "CANCELLED", "FAILED"] as const;
export const RunStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatusSchema>;

/** What the console shows of a run: the REST summary parsed, so an engine that answers oddly fails here, not in a page. */
export const RunSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  workflowName: z.string().nullable(),
  status: RunStatusSchema,
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  errorMessage: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

interface RawSummary {
  metadata: { id: string };
  workflowRunExternalId?: string;
  displayName: string;
  workflowName?: string;
  status: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  duration?: number;
  errorMessage?: string;
  additionalMetadata?: object;
}

export function toRunSummary(raw: RawSummary): RunSummary {
  return RunSummarySchema.parse({
    id: raw.workflowRunExternalId ?? raw.metadata.id,
    name: raw.displayName,
    workflowName: raw.workflowName ?? null,
    status: raw.status,
    createdAt: raw.createdAt,
    startedAt: raw.startedAt ?? null,
    finishedAt: raw.finishedAt ?? null,
    durationMs: raw.duration ?? null,
    errorMessage: readableError(raw.errorMessage),
    metadata: raw.additionalMetadata ?? {},
  });
}

/** Workflow runs newest first (whole runs, not their tasks), optionally by status, metadata and workflow. */
export async function listRuns(
  hatchet: Hatchet,
  options: { statuses?: RunStatus[]; since: Date; limit?: number; offset?: number; metadata?: Record<string, string>; workflowNames?: string[] },
): Promise<RunSummary[]> {
  const list = await hatchet.runs.list({
    since: options.since,
    limit: options.limit ?? 50,
    offset: options.offset ?? 0,
    onlyTasks: false,
    includePayloads: false,
    ...(options.statuses?.length ? { statuses: options.statuses.map((status) => V1TaskStatus[status]) } : {}),
    ...(options.metadata ? { additionalMetadata: options.metadata } : {}),
    ...(options.workflowNames?.length ? { workflowNames: options.workflowNames } : {}),
  });
  return (list.rows ?? []).map(toRunSummary);
}
