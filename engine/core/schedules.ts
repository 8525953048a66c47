import { CronExpressionParser } from "cron-parser";
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Clock } from "../clock";
import { inTransaction } from "../store/tx";
import { EngineError } from "./errors";
import { triggerRuns } from "./trigger";

const FIRE_BATCH = 500;

/** The next time a cron expression (UTC, 5 or 6 fields) is due after `after`; INVALID_ARGUMENT when malformed. */
export function nextCronTime(expression: string, after: Date): Date {
  try {
    return CronExpressionParser.parse(expression, { currentDate: after, tz: "UTC" }).next().toDate();
  } catch (error) {
    throw new EngineError("INVALID_ARGUMENT", `invalid cron expression ${JSON.stringify(expression)}: ${(error as Error).message}`);
  }
}

export interface ScheduledRunRow {
  id: string;
  workflow_name: string;
  trigger_at: Date;
  input: Record<string, unknown>;
  additional_metadata: Record<string, unknown>;
  priority: number | null;
  fired_at: Date | null;
  run_id: string | null;
  error: string | null;
  created_at: Date;
}

export interface CronRow {
  id: string;
  workflow_name: string;
  name: string;
  expression: string;
  input: Record<string, unknown>;
  additional_metadata: Record<string, unknown>;
  priority: number | null;
  method: string;
  enabled: boolean;
  next_at: Date;
  created_at: Date;
}

export async function createScheduledRun(
  pool: pg.Pool,
  tenantId: string,
  clock: Clock,
  request: { workflowName: string; triggerAt: Date; input: Record<string, unknown>; additionalMetadata: Record<string, unknown>; priority?: number },
): Promise<ScheduledRunRow> {
  const { rows } = await pool.query<ScheduledRunRow>(
    `INSERT INTO hatchet.scheduled_runs (id, tenant_id, workflow_name, trigger_at, input, additional_metadata, priority, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
    [randomUUID(), tenantId, request.workflowName, request.triggerAt, JSON.stringify(request.input), JSON.stringify(request.additionalMetadata), request.priority ?? null, clock.now()],
  );
  return rows[0]!;
}

export async function createCron(
  client: pg.Pool | pg.PoolClient,
  tenantId: string,
  clock: Clock,
  request: { workflowName: string; name: string; expression: string; input: Record<string, unknown>; additionalMetadata: Record<string, unknown>; priority?: number; method: "API" | "DEFAULT" },
): Promise<CronRow> {
  const nextAt = nextCronTime(request.expression, clock.now());
  const { rows } = await client.query<CronRow>(
    `INSERT INTO hatchet.crons (id, tenant_id, workflow_name, name, expression, input, additional_metadata, priority, method, next_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (tenant_id, workflow_name, name) DO UPDATE SET expression = EXCLUDED.expression, input = EXCLUDED.input,
       additional_metadata = EXCLUDED.additional_metadata, priority = EXCLUDED.priority, next_at = EXCLUDED.next_at, enabled = true
     RETURNING *`,
    [randomUUID(), tenantId, request.workflowName, request.name, request.expression, JSON.stringify(request.input), JSON.stringify(request.additionalMetadata), request.priority ?? null, request.method, nextAt, clock.now()],
  );
  return rows[0]!;
}

/** A workflow's declared crons (onCrons) follow its latest version: new ones are added, dropped ones removed. */
export async function syncDeclaredCrons(client: pg.PoolClient, tenantId: string, clock: Clock, workflowName: string, expressions: string[], input: Record<string, unknown>): Promise<void> {
  await client.query("DELETE FROM hatchet.crons WHERE tenant_id = $1 AND workflow_name = $2 AND method = 'DEFAULT' AND NOT (expression = ANY($3))", [tenantId, workflowName, expressions]);
  for (const expression of expressions) {
    const existing = await client.query("SELECT 1 FROM hatchet.crons WHERE tenant_id = $1 AND workflow_name = $2 AND name = $3", [tenantId, workflowName, expression]);
    if (existing.rowCount) {
      // Keep its schedule (re-registering must not skip or repeat a tick); take the new input.
      await client.query("UPDATE hatchet.crons SET input = $4 WHERE tenant_id = $1 AND workflow_name = $2 AND name = $3", [tenantId, workflowName, expression, JSON.stringify(input)]);
      continue;
    }
    await createCron(client, tenantId, clock, { workflowName, name: expression, expression, input, additionalMetadata: {}, method: "DEFAULT" });
  }
}

/**
 * Fires what is due on the engine's clock: scheduled runs once each, crons once per sweep however
 * many ticks were missed while the engine was down (their next time is then computed from now).
 * A schedule whose workflow cannot run (deleted, unsupported features) records why and stops.
 */
export async function fireDueSchedules(pool: pg.Pool, clock: Clock, tenantId: string): Promise<number> {
  return inTransaction(pool, async (client) => {
    const now = clock.now();
    let fired = 0;
    const { rows: scheduled } = await client.query<ScheduledRunRow>(
      `SELECT * FROM hatchet.scheduled_runs WHERE tenant_id = $1 AND fired_at IS NULL AND trigger_at <= $2
       ORDER BY trigger_at LIMIT ${FIRE_BATCH} FOR UPDATE SKIP LOCKED`,
      [tenantId, now],
    );
    if (scheduled.length > 0) {
      const results = await triggerRuns(
        client,
        { tenantId, clock },
        scheduled.map((s) => ({
          name: s.workflow_name,
          input: JSON.stringify(s.input),
          additionalMetadata: JSON.stringify({ ...s.additional_metadata, hatchet__scheduled_run_id: s.id }),
          priority: s.priority ?? undefined,
          desiredWorkerLabels: {},
        })),
      );
      await client.query(
        `UPDATE hatchet.scheduled_runs s SET fired_at = $4, run_id = r.run_id, error = r.error
         FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS r(id, run_id, error) WHERE s.id = r.id`,
        [scheduled.map((s) => s.id), results.map((r) => (typeof r === "string" ? r : null)), results.map((r) => (typeof r === "string" ? null : r.message)), now],
      );
      fired += results.filter((r) => typeof r === "string").length;
    }
    const { rows: crons } = await client.query<CronRow>(
      `SELECT * FROM hatchet.crons WHERE tenant_id = $1 AND enabled AND next_at <= $2 ORDER BY next_at LIMIT ${FIRE_BATCH} FOR UPDATE SKIP LOCKED`,
      [tenantId, now],
    );
    if (crons.length > 0) {
      const results = await triggerRuns(
        client,
        { tenantId, clock },
        crons.map((c) => ({
          name: c.workflow_name,
          input: JSON.stringify(c.input),
          additionalMetadata: JSON.stringify({ ...c.additional_metadata, hatchet__cron_name: c.name, hatchet__cron_expression: c.expression }),
          priority: c.priority ?? undefined,
          desiredWorkerLabels: {},
        })),
      );
      for (const [i, cron] of crons.entries()) {
        const result = results[i]!;
        if (typeof result === "string") {
          await client.query("INSERT INTO hatchet.cron_runs (cron_id, run_id, due_at) VALUES ($1, $2, $3)", [cron.id, result, cron.next_at]);
          fired++;
        } else {
          console.error(`[engine] cron ${cron.name} of ${cron.workflow_name} could not start a run: ${result.message}`);
        }
        await client.query("UPDATE hatchet.crons SET next_at = $2 WHERE id = $1", [cron.id, nextCronTime(cron.expression, now)]);
      }
    }
    return fired;
  });
}
