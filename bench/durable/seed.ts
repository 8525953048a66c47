import type pg from "pg";

/**
 * Outstanding waits as the engine stores them for sleeping journeys: per wait one run, one
 * durable task (evicted, as a long wait is after the SDK's TTL), its log entry and the wait row —
 * written with generate_series, since dispatching a million tasks through a worker would measure
 * the dispatcher, not the waits.
 */
export async function seedWaits(client: pg.Client, options: { count: number; kind: "SLEEP" | "EVENT"; workflowName: string }): Promise<void> {
  const { rows } = await client.query<{ tenant_id: string; workflow_id: string; version_id: string }>(
    "SELECT w.tenant_id, w.id AS workflow_id, w.latest_version_id AS version_id FROM hatchet.workflows w WHERE w.name = $1",
    [options.workflowName],
  );
  const workflow = rows[0];
  if (!workflow) throw new Error(`workflow ${options.workflowName} is not registered`);
  const chunk = 100_000;
  for (let from = 0; from < options.count; from += chunk) {
    const n = Math.min(chunk, options.count - from);
    await client.query("BEGIN");
    await client.query(
      `CREATE TEMP TABLE seed ON COMMIT DROP AS SELECT gen_random_uuid() AS id, i FROM generate_series($1::int, $2::int) AS i`,
      [from, from + n - 1],
    );
    await client.query(
      `INSERT INTO hatchet.runs (id, tenant_id, workflow_id, workflow_version_id, workflow_name, input, status, priority, created_at)
       SELECT id, $1, $2, $3, $4, '{}', 'RUNNING', 1, now() FROM seed`,
      [workflow.tenant_id, workflow.workflow_id, workflow.version_id, options.workflowName],
    );
    await client.query(
      `INSERT INTO hatchet.tasks (id, tenant_id, run_id, readable_id, action_id, kind, parents, status, priority, max_retries, timeout_ms,
         schedule_timeout_ms, slot_type, slot_cost, available_at, created_at, durable, invocation, node_cursor, evicted)
       SELECT id, $1, id, 'seed', 'seed:seed', 'task', '{}', 'RUNNING', 1, 0, 3600000, 300000, 'durable', 1, now(), now(), true, 1, 1, true FROM seed`,
      [workflow.tenant_id],
    );
    await client.query(`INSERT INTO hatchet.durable_entries (task_id, branch_id, node_id, kind, idempotency_key, created_at) SELECT id, 1, 1, 'WAIT_FOR', md5(i::text), now() FROM seed`);
    if (options.kind === "SLEEP") {
      // Due over the next 30 days, as a portfolio's follow-ups are.
      await client.query(
        `INSERT INTO hatchet.waits (tenant_id, task_id, branch_id, node_id, action, or_group_id, kind, readable_data_key, sleep_for, due_at, created_at)
         SELECT $1, id, 1, 1, 'CREATE', 'g', 'SLEEP', 'sleep', '720h', now() + interval '1 day' + (i % 2592000) * interval '1 second', now() FROM seed`,
        [workflow.tenant_id],
      );
    } else {
      await client.query(
        `INSERT INTO hatchet.waits (tenant_id, task_id, branch_id, node_id, action, or_group_id, kind, readable_data_key, event_key, scope, created_at)
         SELECT $1, id, 1, 1, 'CREATE', 'g', 'EVENT', 'bench:paid', 'bench:paid', 'seed-' || i, now() FROM seed`,
        [workflow.tenant_id],
      );
    }
    await client.query("COMMIT");
  }
  await client.query("ANALYZE hatchet.waits");
}
