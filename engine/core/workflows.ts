import type { CreateWorkflowVersionRequest } from "@hatchet-dev/typescript-sdk/protoc/v1/workflows";
import { createHash, randomUUID } from "node:crypto";
import type pg from "pg";
import type { Clock } from "../clock";
import { inTransaction } from "../store/tx";
import { toDefinition, type WorkflowDefinition } from "./definition";
import { replaceDeclarativeFilters } from "./filters";
import { syncDeclaredCrons } from "./schedules";

/**
 * PutWorkflow: stores each distinct definition as a new version (the same definition again is a
 * no-op); triggers and event matching use the latest version.
 */
export async function putWorkflow(pool: pg.Pool, clock: Clock, tenantId: string, request: CreateWorkflowVersionRequest): Promise<{ workflowId: string; versionId: string }> {
  const definition = toDefinition(request);
  const checksum = createHash("sha256").update(JSON.stringify(definition)).digest("hex");
  return inTransaction(pool, async (client) => {
    const now = clock.now();
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO hatchet.workflows (id, tenant_id, name, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [randomUUID(), tenantId, definition.name, now],
    );
    const workflowId = rows[0]!.id;
    const version = await client.query<{ id: string }>(
      `INSERT INTO hatchet.workflow_versions (id, workflow_id, checksum, definition, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (workflow_id, checksum) DO UPDATE SET checksum = EXCLUDED.checksum RETURNING id`,
      [randomUUID(), workflowId, checksum, JSON.stringify(definition), now],
    );
    const versionId = version.rows[0]!.id;
    await client.query("UPDATE hatchet.workflows SET latest_version_id = $2, event_triggers = $3 WHERE id = $1", [workflowId, versionId, definition.eventTriggers]);
    await syncDeclaredCrons(client, tenantId, clock, definition.name, definition.cronTriggers, definition.cronInput ?? {});
    await replaceDeclarativeFilters(client, tenantId, workflowId, definition.defaultFilters, now);
    return { workflowId, versionId };
  });
}

export interface LatestWorkflow {
  workflowId: string;
  versionId: string;
  definition: WorkflowDefinition;
}

export async function latestWorkflow(client: pg.PoolClient | pg.Pool, tenantId: string, name: string): Promise<LatestWorkflow | undefined> {
  const { rows } = await client.query<{ id: string; version_id: string; definition: WorkflowDefinition }>(
    `SELECT w.id, v.id AS version_id, v.definition FROM hatchet.workflows w
     JOIN hatchet.workflow_versions v ON v.id = w.latest_version_id
     WHERE w.tenant_id = $1 AND w.name = $2`,
    [tenantId, name.toLowerCase()],
  );
  const row = rows[0];
  return row ? { workflowId: row.id, versionId: row.version_id, definition: row.definition } : undefined;
}
