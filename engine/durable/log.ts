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

/** What a request of the task's current invocation gets: the task, its next nodes, and what the log already has at them. */
export interface ClaimedNodes {
  task: InvocationRow;
  nodes: number[];
  existing: Map<number, EntryRow>;
}

/**
 * One statement on the path of every memo, wait and child of every durable task (it took three):
 * advances the cursor of the task's current invocation (which locks its row) and reads the log's
 * entries at the nodes it claimed. Undefined when the task is not running that invocation (the
 * caller asks lockInvocation why).
 */
export async function claimNodes(client: pg.PoolClient, taskId: string, tenantId: string, invocation: number, count: number): Promise<ClaimedNodes | undefined> {
  const { rows } = await client.query<InvocationRow & { [K in keyof EntryRow as `e_${K}`]: EntryRow[K] | null }>(
    `WITH t AS (
       UPDATE hatchet.tasks SET node_cursor = node_cursor + $4
       WHERE id = $1 AND tenant_id = $2 AND durable AND invocation = $3 AND status = 'RUNNING' AND NOT evicted
       RETURNING id, tenant_id, run_id, status, durable, invocation, branch_id, node_cursor, evicted, worker_id)
     SELECT t.*, e.task_id AS e_task_id, e.branch_id AS e_branch_id, e.node_id AS e_node_id, e.kind AS e_kind, e.idempotency_key AS e_idempotency_key,
            e.child_run_id AS e_child_run_id, e.satisfied_at AS e_satisfied_at, e.satisfied_order AS e_satisfied_order, e.payload AS e_payload,
            e.is_failure AS e_is_failure, e.error_message AS e_error_message
     FROM t LEFT JOIN hatchet.durable_entries e ON e.task_id = t.id AND e.branch_id = t.branch_id AND e.node_id > t.node_cursor - $4 AND e.node_id <= t.node_cursor`,
    [taskId, tenantId, invocation, count],
  );
  const first = rows[0];
  if (!first) return undefined;
  const task: InvocationRow = {
    id: first.id, tenant_id: first.tenant_id, run_id: first.run_id, status: first.status, durable: first.durable, invocation: first.invocation,
    branch_id: first.branch_id, node_cursor: first.node_cursor, evicted: first.evicted, worker_id: first.worker_id,
  };
  const existing = new Map<number, EntryRow>();
  for (const row of rows) {
    if (row.e_node_id === null) continue;
    existing.set(row.e_node_id, {
      task_id: row.e_task_id!, branch_id: row.e_branch_id!, node_id: row.e_node_id, kind: row.e_kind!, idempotency_key: row.e_idempotency_key!,
      child_run_id: row.e_child_run_id, satisfied_at: row.e_satisfied_at, satisfied_order: row.e_satisfied_order, payload: row.e_payload,
      is_failure: row.e_is_failure ?? false, error_message: row.e_error_message,
    });
  }
  const nodes = Array.from({ length: count }, (_, i) => task.node_cursor - count + 1 + i);
  return { task, nodes, existing };
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
export async function finishedChildEntries(client: pg.Pool | pg.PoolClient, runIds?: string[]): Promise<{ entry: EntryRow; runStatus: string }[]> {
  const { rows } = await client.query<EntryRow & { run_status: string }>(
    `SELECT e.*, r.status AS run_status FROM hatchet.durable_entries e JOIN hatchet.runs r ON r.id = e.child_run_id
     WHERE e.child_run_id IS NOT NULL AND e.satisfied_at IS NULL AND r.status IN ('COMPLETED', 'FAILED', 'CANCELLED')
       ${runIds ? "AND e.child_run_id = ANY($1::uuid[])" : ""}
     LIMIT 1000`,
    runIds ? [runIds] : [],
  );
  return rows.map(({ run_status, ...entry }) => ({ entry, runStatus: run_status }));
}
