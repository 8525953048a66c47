import { WorkflowRunEventType, type WorkflowRunEvent } from "@hatchet-dev/typescript-sdk/protoc/dispatcher/dispatcher";
import type pg from "pg";

interface ResultRow {
  run_status: string;
  finished_at: Date | null;
  id: string;
  readable_id: string;
  status: string;
  output: unknown;
  error: string | null;
}

/**
 * The FINISHED event of a run (spec §8): one result per task — COMPLETED → output, FAILED → error,
 * CANCELLED → the reason (often empty). Undefined while the run is still going. A skipped
 * on-failure task is left out: it never ran.
 */
export async function runFinishedEvent(client: pg.Pool | pg.PoolClient, runId: string): Promise<WorkflowRunEvent | undefined> {
  const { rows } = await client.query<ResultRow>(
    `SELECT r.status AS run_status, r.finished_at, t.id, t.readable_id, t.status, t.output, t.error
     FROM hatchet.runs r JOIN hatchet.tasks t ON t.run_id = r.id WHERE r.id = $1 ORDER BY t.created_at, t.readable_id`,
    [runId],
  );
  const first = rows[0];
  if (!first || !["COMPLETED", "FAILED", "CANCELLED"].includes(first.run_status)) return undefined;
  return {
    workflowRunId: runId,
    eventType: WorkflowRunEventType.WORKFLOW_RUN_EVENT_TYPE_FINISHED,
    eventTimestamp: first.finished_at ?? new Date(),
    results: rows
      .filter((row) => row.status !== "SKIPPED")
      .map((row) => ({
        taskRunExternalId: row.id,
        taskName: row.readable_id,
        jobRunId: runId,
        ...(row.status === "COMPLETED" ? { output: JSON.stringify(row.output) } : { error: row.status === "CANCELLED" ? (row.error === "CANCELLED_BY_USER" ? "" : (row.error ?? "")) : (row.error ?? "") }),
      })),
  };
}
