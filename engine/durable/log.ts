import type pg from "pg";

/** The durable task's row as a request sees it, locked for the request's transaction. */
export interface InvocationRow {
  id: string;
  tenant_id: string;
  run_id: string;
  status: string;
  durable: boolean;
  invocation: number;
  branch_id: number;
  node_cursor: number;
  evicted: boolean;
  worker_id: string | null;
}

export interface EntryRow {
  task_id: string;
  branch_id: number;
  node_id: number;
  kind: "MEMO" | "WAIT_FOR" | "RUN";
  idempotency_key: string;
  child_run_id: string | null;
  satisfied_at: Date | null;
  satisfied_order: number | null;
  payload: Buffer | null;
  is_failure: boolean;
  error_message: string | null;
}

/** Locks the task (requests of one task serialize on it) and returns it. */
export async function lockInvocation(client: pg.PoolClient, taskId: string, tenantId: string): Promise<InvocationRow | undefined> {
  const { rows } = await client.query<InvocationRow>(
    "SELECT id, tenant_id, run_id, status, durable, invocation, branch_id, node_cursor, evicted, worker_id FROM hatchet.tasks WHERE id = $1 AND tenant_id = $2 FOR UPDATE",
    [taskId, tenantId],
  );
  return rows[0];
}

/** The next `count` node ids of the current invocation, in arrival order. */
export async function allocateNodes(client: pg.PoolClient, task: InvocationRow, count: number): Promise<number[]> {
  const first = task.node_cursor + 1;
  task.node_cursor += count;
  await client.query("UPDATE hatchet.tasks SET node_cursor = $2 WHERE id = $1", [task.id, task.node_cursor]);
  return Array.from({ length: count }, (_, i) => first + i);
}

export async function findEntries(client: pg.PoolClient, taskId: string, branchId: number, nodeIds: number[]): Promise<Map<number, EntryRow>> {
  const { rows } = await client.query<EntryRow>("SELECT * FROM hatchet.durable_entries WHERE task_id = $1 AND branch_id = $2 AND node_id = ANY($3::int[])", [
    taskId,
    branchId,
    nodeIds,
  ]);
  return new Map(rows.map((row) => [row.node_id, row]));
}

export async function insertEntry(
  client: pg.PoolClient,
  entry: { taskId: string; branchId: number; nodeId: number; kind: EntryRow["kind"]; key: string; childRunId?: string },
  now: Date,
): Promise<void> {
  await client.query(
    "INSERT INTO hatchet.durable_entries (task_id, branch_id, node_id, kind, idempotency_key, child_run_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    [entry.taskId, entry.branchId, entry.nodeId, entry.kind, entry.key, entry.childRunId ?? null, now],
  );
}

export interface Satisfaction {
  taskId: string;
  branchId: number;
  nodeId: number;
  payload: Buffer;
  isFailure?: boolean;
  errorMessage?: string;
}

/**
 * Records results on open entries (an entry is satisfied once: a duplicate changes nothing) and
 * numbers them per task in the order they were satisfied, the order completions are delivered in.
 * Returns the entries this call satisfied.
 */
export async function satisfyEntries(client: pg.PoolClient, items: Satisfaction[], now: Date): Promise<Satisfaction[]> {
  if (items.length === 0) return [];
  const taskIds = [...new Set(items.map((i) => i.taskId))];
  const { rows } = await client.query<{ task_id: string; last: number | null }>(
    "SELECT task_id, max(satisfied_order) AS last FROM hatchet.durable_entries WHERE task_id = ANY($1::uuid[]) GROUP BY task_id",
    [taskIds],
  );
  const last = new Map(rows.map((r) => [r.task_id, r.last ?? 0]));
  const orders = items.map((item) => {
    const next = (last.get(item.taskId) ?? 0) + 1;
    last.set(item.taskId, next);
    return next;
  });
  const { rows: done } = await client.query<{ task_id: string; branch_id: number; node_id: number }>(
    `UPDATE hatchet.durable_entries e SET satisfied_at = $8, satisfied_order = s.ord, payload = s.payload, is_failure = s.is_failure, error_message = s.error_message
     FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[], $5::bytea[], $6::boolean[], $7::text[]) AS s(task_id, branch_id, node_id, ord, payload, is_failure, error_message)
     WHERE e.task_id = s.task_id AND e.branch_id = s.branch_id AND e.node_id = s.node_id AND e.satisfied_at IS NULL
     RETURNING e.task_id, e.branch_id, e.node_id`,
    [
      items.map((i) => i.taskId), items.map((i) => i.branchId), items.map((i) => i.nodeId), orders, items.map((i) => i.payload),
      items.map((i) => i.isFailure ?? false), items.map((i) => i.errorMessage ?? null), now,
    ],
  );
  const key = (i: { task_id: string; branch_id: number; node_id: number }) => `${i.task_id}/${i.branch_id}/${i.node_id}`;
  const changed = new Set(done.map(key));
  return items.filter((i) => changed.has(key({ task_id: i.taskId, branch_id: i.branchId, node_id: i.nodeId })));
}

/** Child runs that ended while their entries stayed open (the engine stopped in between), or just ended. */
export async function finishedChildEntries(client: pg.PoolClient, runIds?: string[]): Promise<{ entry: EntryRow; runStatus: string }[]> {
  const { rows } = await client.query<EntryRow & { run_status: string }>(
    `SELECT e.*, r.status AS run_status FROM hatchet.durable_entries e JOIN hatchet.runs r ON r.id = e.child_run_id
     WHERE e.child_run_id IS NOT NULL AND e.satisfied_at IS NULL AND r.status IN ('COMPLETED', 'FAILED', 'CANCELLED')
       ${runIds ? "AND e.child_run_id = ANY($1::uuid[])" : ""}
     LIMIT 1000`,
    runIds ? [runIds] : [],
  );
  return rows.map(({ run_status, ...entry }) => ({ entry, runStatus: run_status }));
}
