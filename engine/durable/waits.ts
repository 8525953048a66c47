import type pg from "pg";
import { evaluateCel } from "../cel";
import type { WaitCondition } from "./conditions";

/** Who a wait belongs to: a durable task's log entry, or (node 0) a DAG task's conditions. */
export interface WaitOwner {
  taskId: string;
  branchId: number;
  nodeId: number;
}

/** An owner whose conditions are met: `data` is `{ACTION: {readableDataKey: [data, ...]}}`, only what fired. */
export interface FiredOwner extends WaitOwner {
  action: string;
  data: Record<string, Record<string, unknown[]>>;
}

/** When several actions of one owner fire together, the strongest wins (spec §11.3). */
const PRECEDENCE = ["SKIP", "CANCEL", "CREATE", "QUEUE"];

/**
 * Advisory locks that order a wait's registration against the events that can satisfy it. Under
 * READ COMMITTED, a wait inserted while an event of its key is being pushed could miss it both
 * ways: the push's match does not see the uncommitted wait, the wait's lookback does not see the
 * uncommitted event, and both commit (a fast call's `call:ended` was lost so). Each (key, scope)
 * and each key's unscoped `*` has a lock; a wait and any event that can satisfy it take one of
 * them in conflicting modes:
 *   - a scoped wait: its (key, scope) shared; a scoped event: that one exclusive, `*` shared;
 *   - an unscoped wait: `*` exclusive; an unscoped event: `*` shared.
 * So scoped waits never wait for each other (ten thousand journeys each waiting on their
 * campaign's `campaign:cancelled` took one exclusive lock in turn), events of different scopes
 * never wait for each other, and only events of one (key, scope) or unscoped waits of one key do.
 */
interface EventKeyLock {
  key: string;
  exclusive: boolean;
}

async function lockEventKeys(client: pg.PoolClient, tenantId: string, locks: EventKeyLock[]): Promise<void> {
  if (locks.length === 0) return;
  const modes = new Map<string, boolean>();
  for (const lock of locks) {
    const key = `hatchet-event:${tenantId}:${lock.key}`;
    modes.set(key, modes.get(key) === true || lock.exclusive);
  }
  const sorted = [...modes.keys()].sort();
  // A function scan over the arrays yields, and so locks, the keys in order: no lock-order cycles.
  await client.query(
    `SELECT CASE WHEN l.exclusive THEN pg_advisory_xact_lock(hashtextextended(l.key, 0)) ELSE pg_advisory_xact_lock_shared(hashtextextended(l.key, 0)) END
     FROM unnest($1::text[], $2::bool[]) AS l(key, exclusive)`,
    [sorted, sorted.map((key) => modes.get(key) === true)],
  );
}

/** A wait on `key` with `scope` matches events of that scope; a wait without scope, events of any. */
const waitLockKey = (key: string, scope: string | null) => (scope === null ? `${key}|*` : `${key}|s:${scope}`);

const waitLocks = (conditions: WaitCondition[]): EventKeyLock[] =>
  conditions.flatMap((c) => (c.kind === "EVENT" ? [{ key: waitLockKey(c.eventKey, c.scope), exclusive: c.scope === null }] : []));

const eventLocks = (events: StoredEvent[]): EventKeyLock[] =>
  events.flatMap((e) => [...(e.scope === null ? [] : [{ key: waitLockKey(e.key, e.scope), exclusive: true }]), { key: waitLockKey(e.key, null), exclusive: false }]);

export async function insertWaits(client: pg.PoolClient, tenantId: string, owner: WaitOwner, conditions: WaitCondition[], now: Date): Promise<void> {
  if (conditions.length === 0) return;
  await lockEventKeys(client, tenantId, waitLocks(conditions));
  const col = <T>(pick: (c: WaitCondition) => T) => conditions.map(pick);
  await client.query(
    `INSERT INTO hatchet.waits (tenant_id, task_id, branch_id, node_id, action, or_group_id, kind, readable_data_key, sleep_for, due_at, event_key, scope, expression, since, created_at)
     SELECT $1, $2, $3, $4, c.action, c.or_group_id, c.kind, c.readable_data_key, c.sleep_for, c.due_at, c.event_key, c.scope, c.expression, c.since, $5
     FROM unnest($6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::text[], $13::text[], $14::text[], $15::timestamptz[])
       AS c(action, or_group_id, kind, readable_data_key, sleep_for, due_at, event_key, scope, expression, since)`,
    [
      tenantId, owner.taskId, owner.branchId, owner.nodeId, now,
      col((c) => c.action), col((c) => c.orGroupId), col((c) => c.kind), col((c) => c.readableDataKey),
      col((c) => (c.kind === "SLEEP" ? c.sleepFor : null)),
      // Fixed when first recorded: a replay never restarts the clock.
      col((c) => (c.kind === "SLEEP" ? new Date(now.getTime() + c.sleepMs) : null)),
      col((c) => (c.kind === "EVENT" ? c.eventKey : null)), col((c) => (c.kind === "EVENT" ? c.scope : null)), col((c) => c.expression),
      col((c) => (c.kind === "EVENT" ? c.since : null)),
    ],
  );
}

/** An empty expression is true; one that fails or gives anything but true is false (as Hatchet does). */
function expressionHolds(expression: string, payload: unknown, metadata: unknown): boolean {
  if (!expression) return true;
  try {
    return evaluateCel(expression, { input: payload ?? {}, additional_metadata: metadata ?? {} }) === true;
  } catch {
    return false;
  }
}

export interface StoredEvent {
  key: string;
  scope: string | null;
  payload: unknown;
  metadata: unknown;
}

/** Events just pushed: every open event condition they match is satisfied (first event wins). */
export async function matchEvents(client: pg.PoolClient, tenantId: string, events: StoredEvent[]): Promise<FiredOwner[]> {
  await lockEventKeys(client, tenantId, eventLocks(events));
  const satisfied = new Map<string, unknown>();
  for (const event of events) {
    const { rows } = await client.query<{ id: string; expression: string }>(
      `SELECT id, expression FROM hatchet.waits
       WHERE kind = 'EVENT' AND tenant_id = $1 AND event_key = $2 AND satisfied_at IS NULL AND (scope = $3 OR scope IS NULL)`,
      [tenantId, event.key, event.scope],
    );
    for (const row of rows) if (!satisfied.has(row.id) && expressionHolds(row.expression, event.payload, event.metadata)) satisfied.set(row.id, event.payload);
  }
  return satisfyWaits(client, satisfied);
}

/**
 * Lookback (engine source handleEventLookback): an owner's new event conditions first look at
 * the stored events with their key and scope since `since`, newest first.
 */
export async function applyLookback(client: pg.PoolClient, tenantId: string, owner: WaitOwner): Promise<FiredOwner[]> {
  // One statement for all of the owner's event conditions (a journey's wait has six): each
  // condition's recent events, newest first, the first whose expression holds satisfies it.
  const { rows } = await client.query<{ id: string; expression: string; payload: unknown; additional_metadata: unknown }>(
    `SELECT w.id, w.expression, ev.payload, ev.additional_metadata
     FROM hatchet.waits w
     CROSS JOIN LATERAL (
       SELECT payload, additional_metadata, created_at FROM hatchet.events
       WHERE tenant_id = $1 AND key = w.event_key AND created_at >= w.since AND (w.scope IS NULL OR scope = w.scope)
       ORDER BY created_at DESC LIMIT 1000) ev
     WHERE w.task_id = $2 AND w.branch_id = $3 AND w.node_id = $4 AND w.kind = 'EVENT' AND w.satisfied_at IS NULL AND w.since IS NOT NULL
     ORDER BY w.id, ev.created_at DESC`,
    [tenantId, owner.taskId, owner.branchId, owner.nodeId],
  );
  const satisfied = new Map<string, unknown>();
  for (const row of rows) {
    if (!satisfied.has(row.id) && expressionHolds(row.expression, row.payload, row.additional_metadata)) satisfied.set(row.id, row.payload);
  }
  return satisfyWaits(client, satisfied);
}

/** Sleeps due by `now` (oldest first, at most `limit`); SKIP LOCKED lets several sweepers share them. */
export async function fireDueSleeps(client: pg.PoolClient, now: Date, limit: number): Promise<{ fired: FiredOwner[]; count: number }> {
  const { rows } = await client.query<{ id: string; sleep_for: string }>(
    `SELECT id, sleep_for FROM hatchet.waits WHERE kind = 'SLEEP' AND satisfied_at IS NULL AND due_at <= $1
     ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [now, limit],
  );
  const satisfied = new Map<string, unknown>(rows.map((row) => [row.id, { sleep_duration: row.sleep_for }]));
  return { fired: await satisfyWaits(client, satisfied), count: rows.length };
}

/** The earliest open sleep, for the one timer that replaces a timer per wait. */
export async function nextDueSleep(client: pg.Pool | pg.PoolClient): Promise<Date | undefined> {
  const { rows } = await client.query<{ due_at: Date }>("SELECT due_at FROM hatchet.waits WHERE kind = 'SLEEP' AND satisfied_at IS NULL ORDER BY due_at LIMIT 1");
  return rows[0]?.due_at;
}

interface WaitRow {
  id: string;
  task_id: string;
  branch_id: number;
  node_id: number;
  action: string;
  or_group_id: string;
  readable_data_key: string;
  satisfied_at: Date | null;
  data: unknown;
}

const ownerKey = (row: { task_id: string; branch_id: number; node_id: number }) => `${row.task_id}/${row.branch_id}/${row.node_id}`;

/**
 * Marks conditions satisfied (their owners' rows locked in id order first, so two events racing
 * for one owner serialize) and returns the owners that fire: each of an action's or-groups has a
 * satisfied condition (OR within a group, AND across groups). A fired owner's rows are deleted,
 * so a duplicate event finds nothing left to resume.
 */
async function satisfyWaits(client: pg.PoolClient, satisfied: Map<string, unknown>): Promise<FiredOwner[]> {
  if (satisfied.size === 0) return [];
  const ids = [...satisfied.keys()];
  const { rows } = await client.query<WaitRow>(
    `SELECT id, task_id, branch_id, node_id, action, or_group_id, readable_data_key, satisfied_at, data FROM hatchet.waits
     WHERE (task_id, branch_id, node_id) IN (SELECT task_id, branch_id, node_id FROM hatchet.waits WHERE id = ANY($1::bigint[]))
     ORDER BY id FOR UPDATE`,
    [ids],
  );
  const now = new Date();
  const newly = rows.filter((row) => row.satisfied_at === null && satisfied.has(row.id));
  for (const row of newly) {
    row.satisfied_at = now;
    row.data = satisfied.get(row.id);
  }
  if (newly.length > 0) {
    await client.query("UPDATE hatchet.waits w SET satisfied_at = $3, data = c.data::jsonb FROM unnest($1::bigint[], $2::text[]) AS c(id, data) WHERE w.id = c.id", [
      newly.map((r) => r.id),
      newly.map((r) => JSON.stringify(r.data ?? null)),
      now,
    ]);
  }
  const owners = new Map<string, WaitRow[]>();
  for (const row of rows) {
    const list = owners.get(ownerKey(row));
    if (list) list.push(row);
    else owners.set(ownerKey(row), [row]);
  }
  const fired: FiredOwner[] = [];
  for (const ownerRows of owners.values()) {
    const firing = PRECEDENCE.find((action) => {
      const ofAction = ownerRows.filter((r) => r.action === action);
      if (ofAction.length === 0) return false;
      const groups = new Set(ofAction.map((r) => r.or_group_id));
      return [...groups].every((group) => ofAction.some((r) => r.or_group_id === group && r.satisfied_at !== null));
    });
    if (!firing) continue;
    const data: Record<string, unknown[]> = {};
    for (const row of ownerRows) if (row.action === firing && row.satisfied_at !== null) (data[row.readable_data_key] ??= []).push(row.data);
    const first = ownerRows[0]!;
    fired.push({ taskId: first.task_id, branchId: first.branch_id, nodeId: first.node_id, action: firing, data: { [firing]: data } });
  }
  if (fired.length > 0) {
    await client.query(
      "DELETE FROM hatchet.waits WHERE (task_id, branch_id, node_id) IN (SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[]))",
      [fired.map((f) => f.taskId), fired.map((f) => f.branchId), fired.map((f) => f.nodeId)],
    );
  }
  return fired;
}
