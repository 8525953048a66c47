import type pg from "pg";
import type { Clock } from "../clock";
import { EngineError } from "../core/errors";
import { replayTasks } from "../core/replay";

/**
 * REST `durable-tasks/branch` (spec §10.8): forks a finished durable task's event log at `nodeId`
 * — a new branch keeps the entries before that node and nothing from it on — and replays the
 * task, so its next invocation answers the early nodes from the log and runs the rest afresh.
 */
export async function branchDurableTask(client: pg.PoolClient, clock: Clock, tenantId: string, taskId: string, nodeId: number, fromBranch?: number): Promise<{ branchId: number }> {
  if (!Number.isInteger(nodeId) || nodeId < 1) throw new EngineError("INVALID_ARGUMENT", "nodeId must be a positive integer");
  // Lock order everywhere: the run, then its tasks.
  await client.query("SELECT 1 FROM hatchet.runs WHERE id = (SELECT run_id FROM hatchet.tasks WHERE id = $1) FOR UPDATE", [taskId]);
  const { rows } = await client.query<{ status: string; durable: boolean; branch_id: number }>(
    "SELECT status, durable, branch_id FROM hatchet.tasks WHERE id = $1 AND tenant_id = $2 FOR UPDATE",
    [taskId, tenantId],
  );
  const task = rows[0];
  if (!task?.durable) throw new EngineError("NOT_FOUND", `durable task ${taskId} not found`);
  if (!["COMPLETED", "FAILED", "CANCELLED"].includes(task.status)) throw new EngineError("FAILED_PRECONDITION", "only a finished durable task can be branched");
  const source = fromBranch && fromBranch > 0 ? fromBranch : task.branch_id;
  const { rows: [next] } = await client.query<{ branch_id: number }>(
    "SELECT GREATEST($2::int, COALESCE(max(branch_id), 0)) + 1 AS branch_id FROM hatchet.durable_entries WHERE task_id = $1",
    [taskId, task.branch_id],
  );
  const branchId = next!.branch_id;
  await client.query(
    `INSERT INTO hatchet.durable_entries (task_id, branch_id, node_id, kind, idempotency_key, child_run_id, satisfied_at, satisfied_order, payload, is_failure, error_message, created_at)
     SELECT task_id, $3, node_id, kind, idempotency_key, child_run_id, satisfied_at, satisfied_order, payload, is_failure, error_message, created_at
     FROM hatchet.durable_entries WHERE task_id = $1 AND branch_id = $2 AND node_id < $4`,
    [taskId, source, branchId, nodeId],
  );
  await client.query("UPDATE hatchet.tasks SET branch_id = $2 WHERE id = $1", [taskId, branchId]);
  await replayTasks(client, clock, [taskId]);
  return { branchId };
}
