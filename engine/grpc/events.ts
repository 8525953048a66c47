import type { EventsServiceImplementation, PushEventRequest } from "@hatchet-dev/typescript-sdk/protoc/events/events";
import { randomUUID } from "node:crypto";
import { ServerError, Status } from "nice-grpc";
import type pg from "pg";
import { EngineError } from "../core/errors";
import { eventRuns } from "../core/filters";
import { IdempotencyCollision } from "../core/idempotency";
import { triggerRuns } from "../core/trigger";
import type { Satisfaction } from "../durable/log";
import { inTransaction } from "../store/tx";
import type { EngineContext } from "./context";
import { guard, requireUuid } from "./errors";

function parseJsonObject(text: string | undefined, what: string): Record<string, unknown> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new EngineError("INVALID_ARGUMENT", `${what} must be a JSON object`);
}

/**
 * Stores an event and starts runs of the workflows whose event triggers match its key (`*` = any):
 * one each, or one per passing filter for workflows that have filters (core/filters.ts). A run
 * whose idempotency key is held is skipped; the push still succeeds. Durable and DAG waits the
 * event satisfies are collected in `satisfied`, delivered once the transaction committed.
 */
async function pushEvent(client: pg.PoolClient, ctx: EngineContext, request: PushEventRequest, satisfied: Satisfaction[]) {
  if (!request.key) throw new EngineError("INVALID_ARGUMENT", "event key is required");
  const payload = parseJsonObject(request.payload, "payload");
  const metadata = parseJsonObject(request.additionalMetadata, "additionalMetadata");
  const id = randomUUID();
  const now = ctx.clock.now();
  await client.query(
    "INSERT INTO hatchet.events (id, tenant_id, key, payload, additional_metadata, scope, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    [id, ctx.tenantId, request.key, JSON.stringify(payload), JSON.stringify(metadata), request.scope ?? null, now],
  );
  const { rows } = await client.query<{ id: string; name: string }>(
    `SELECT DISTINCT w.id, w.name FROM hatchet.workflows w, unnest(w.event_triggers) AS pattern
     WHERE w.tenant_id = $1 AND $2 LIKE replace(replace(replace(pattern, '%', '\\%'), '_', '\\_'), '*', '%')`,
    [ctx.tenantId, request.key],
  );
  const decisions = await eventRuns(client, ctx.tenantId, rows.map((w) => w.id), { id, key: request.key, scope: request.scope ?? null, payload, metadata });
  const runs = await triggerRuns(
    client,
    { tenantId: ctx.tenantId, clock: ctx.clock, event: { id, key: request.key } },
    rows.flatMap(({ id: workflowId, name }) =>
      (decisions.get(workflowId) ?? []).map(({ filter }) => ({
        name,
        input: JSON.stringify(payload),
        additionalMetadata: JSON.stringify(metadata),
        priority: request.priority,
        desiredWorkerLabels: {},
        filter,
      })),
    ),
  );
  const failure = runs.find((run) => run instanceof Error && !(run instanceof IdempotencyCollision));
  if (failure) throw failure;
  // Durable and DAG waits for this event, in the same transaction as the event itself.
  satisfied.push(...(await ctx.durable.matchEvents(client, [{ key: request.key, scope: request.scope ?? null, payload, metadata }])));
  return { tenantId: ctx.tenantId, eventId: id, key: request.key, payload: JSON.stringify(payload), eventTimestamp: now, additionalMetadata: JSON.stringify(metadata), scope: request.scope };
}

const MAX_LOG_LENGTH = 10_000;

/** EventsService: events (with their triggers), task logs, stream chunks. */
export function eventsService(ctx: EngineContext): EventsServiceImplementation {
  return {
    push: (request) =>
      guard(async () => {
        const satisfied: Satisfaction[] = [];
        const event = await inTransaction(ctx.pool, (client) => {
          satisfied.length = 0; // a retried transaction starts over
          return pushEvent(client, ctx, request, satisfied);
        });
        ctx.hub.wake();
        await ctx.durable.deliver(satisfied);
        return event;
      }),

    bulkPush: (request) =>
      guard(async () => {
        const satisfied: Satisfaction[] = [];
        const events = await inTransaction(ctx.pool, async (client) => {
          satisfied.length = 0;
          const out = [];
          for (const event of request.events) out.push(await pushEvent(client, ctx, event, satisfied));
          return out;
        });
        ctx.hub.wake();
        await ctx.durable.deliver(satisfied);
        return { events };
      }),

    putLog: (request) =>
      guard(async () => {
        const taskId = requireUuid(request.taskRunExternalId, "taskRunExternalId");
        await ctx.pool.query(
          "INSERT INTO hatchet.logs (task_id, retry_count, level, message, created_at) SELECT id, $2, $3, $4, $5 FROM hatchet.tasks WHERE id = $1",
          [taskId, request.taskRetryCount ?? 0, request.level ?? "INFO", request.message.slice(0, MAX_LOG_LENGTH), request.createdAt ?? ctx.clock.now()],
        );
        return {};
      }),

    putStreamEvent: (request) =>
      guard(async () => {
        const taskId = requireUuid(request.taskRunExternalId, "taskRunExternalId");
        const { rows } = await ctx.pool.query<{ run_id: string }>("SELECT run_id FROM hatchet.tasks WHERE id = $1 AND status = 'RUNNING'", [taskId]);
        if (!rows[0]) throw new ServerError(Status.NOT_FOUND, "no running task with that id");
        ctx.hub.streams.publish(rows[0].run_id, taskId, request.message, request.eventIndex, request.createdAt ?? ctx.clock.now());
        return {};
      }),

    replaySingleEvent: async () => {
      throw new ServerError(Status.UNIMPLEMENTED, "ReplaySingleEvent");
    },
  } as EventsServiceImplementation;
}
