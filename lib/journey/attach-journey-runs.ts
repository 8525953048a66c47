import type { Db } from "../db";

/**
 * Records each enrollment's journey run id, one statement for a whole batch (a 100k-account launch
 * would otherwise spend minutes on single-row updates). Only where none is set yet: a retried
 * launch never re-points an enrollment, and the journey may already be moving its own status.
 */
export async function attachJourneyRuns(db: Db, runs: readonly { enrollmentId: string; workflowRunId: string }[]): Promise<number> {
  if (runs.length === 0) return 0;
  return db.$executeRaw`
    UPDATE enrollments e SET workflow_run_id = r.run_id, updated_at = now()
    FROM unnest(${runs.map((r) => r.enrollmentId)}::text[], ${runs.map((r) => r.workflowRunId)}::text[]) AS r(id, run_id)
    WHERE e.id = r.id AND e.workflow_run_id IS NULL`;
}
