import type pg from "pg";

const encoder = new TextEncoder();

export const jsonBytes = (value: unknown): Buffer => Buffer.from(encoder.encode(JSON.stringify(value)));

/**
 * What a finished child gives its durable parent (engine source ExtractOutputFromMatchData): the
 * task output for a one-task child, `{taskReadableId: output}` for a DAG; a failed child's error,
 * or "task was cancelled".
 */
export async function childResults(client: pg.PoolClient, runIds: string[]): Promise<Map<string, { payload: Buffer; isFailure: boolean; errorMessage?: string }>> {
  const { rows } = await client.query<{ run_id: string; readable_id: string; kind: string; status: string; output: unknown; error: string | null; run_status: string }>(
    `SELECT t.run_id, t.readable_id, t.kind, t.status, t.output, t.error, r.status AS run_status
     FROM hatchet.tasks t JOIN hatchet.runs r ON r.id = t.run_id WHERE t.run_id = ANY($1::uuid[]) ORDER BY t.created_at, t.id`,
    [runIds],
  );
  const results = new Map<string, { payload: Buffer; isFailure: boolean; errorMessage?: string }>();
  for (const runId of runIds) {
    const tasks = rows.filter((r) => r.run_id === runId && r.kind === "task");
    const status = rows.find((r) => r.run_id === runId)?.run_status;
    if (status === "COMPLETED") {
      const output = tasks.length === 1 ? tasks[0]!.output : Object.fromEntries(tasks.map((t) => [t.readable_id, t.output]));
      results.set(runId, { payload: jsonBytes(output ?? {}), isFailure: false });
    } else if (status === "FAILED") {
      const failed = tasks.find((t) => t.status === "FAILED");
      results.set(runId, { payload: Buffer.alloc(0), isFailure: true, errorMessage: failed?.error ?? "child run failed" });
    } else if (status === "CANCELLED") {
      results.set(runId, { payload: Buffer.alloc(0), isFailure: true, errorMessage: "task was cancelled" });
    }
  }
  return results;
}
