import { WorkflowRunEventType, type WorkflowRunEvent } from "@hatchet-dev/typescript-sdk/protoc/dispatcher/dispatcher";
import type pg from "pg";

interface ResultRow {
  run_id: string;
  run_status: string;
  finished_at: Date | null;
  id: string;
  readable_id: string;
  status: string;
  /** JSON text. */
  output: string | null;
  error: string | null;
}

const FINISHED = ["COMPLETED", "FAILED", "CANCELLED"];

/**
 * The FINISHED events of runs (spec §8): one result per task — COMPLETED → output, FAILED → error,
 * CANCELLED → the reason (often empty). A run still going has none. A skipped on-failure task is
 * left out: it never ran.
 */
export async function runFinishedEvents(client: pg.Pool | pg.PoolClient, runIds: string[]): Promise<Map<string, WorkflowRunEvent>> {
  const { rows } = await client.query<ResultRow>(
    `SELECT r.id AS run_id, r.status AS run_status, r.finished_at, t.id, t.readable_id, t.status, t.output::text AS output, t.error
     FROM hatchet.runs r JOIN hatchet.tasks t ON t.run_id = r.id
     WHERE r.id = ANY($1) AND r.status = ANY($2) ORDER BY r.id, t.created_at, t.readable_id`,
    [runIds, FINISHED],
  );
  const events = new Map<string, WorkflowRunEvent>();
  for (const row of rows) {
    let event = events.get(row.run_id);
    if (!event) {
      event = { workflowRunId: row.run_id, eventType: WorkflowRunEventType.WORKFLOW_RUN_EVENT_TYPE_FINISHED, eventTimestamp: row.finished_at ?? new Date(), results: [] };
      events.set(row.run_id, event);
    }
    if (row.status === "SKIPPED") continue;
    event.results.push({
      taskRunExternalId: row.id,
      taskName: row.readable_id,
      jobRunId: row.run_id,
      ...(row.status === "COMPLETED" ? { output: row.output ?? "null" } : { error: row.error === "CANCELLED_BY_USER" ? "" : (row.error ?? "") }),
    });
  }
  return events;
}

/**
 * Loads FINISHED events for result subscriptions: lookups requested in the same turn of the
 * event loop (a burst of runs ending together, a client subscribing to many runs) share one query.
 */
export class ResultLoader {
  private pending = new Map<string, { resolve: (event: WorkflowRunEvent | undefined) => void; reject: (error: unknown) => void }[]>();
  private scheduled = false;

  constructor(private readonly pool: pg.Pool) {}

  load(runId: string): Promise<WorkflowRunEvent | undefined> {
    return new Promise((resolve, reject) => {
      const waiting = this.pending.get(runId);
      if (waiting) waiting.push({ resolve, reject });
      else this.pending.set(runId, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = new Map();
    try {
      const events = await runFinishedEvents(this.pool, [...batch.keys()]);
      for (const [runId, waiters] of batch) for (const waiter of waiters) waiter.resolve(events.get(runId));
    } catch (error) {
      for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
    }
  }
}
