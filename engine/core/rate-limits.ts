import { RateLimitDuration, type CreateTaskRateLimit } from "@hatchet-dev/typescript-sdk/protoc/v1/workflows";
import type pg from "pg";
import { assertCelParses, CelExpressionError, evaluateCel, evaluateCelKey } from "../cel";
import { EngineError } from "./errors";

/**
 * Rate limits (spec §11.7; engine source `scheduler_queue.go`, `rate_limits.sql`). A limit is a
 * row per key: `limit_value` units per window (`duration`), `value` units left in the current
 * window, which began at `last_refill`. When the window has passed the next assignment finds it
 * full again (a fixed window, as Hatchet refills). A task takes its units when it is assigned; a
 * task that cannot get them all stays queued. Units are not given back when the task ends.
 */
export interface TaskRateLimit {
  key: string;
  keyExpr?: string;
  units?: number;
  unitsExpr?: string;
  /** CEL giving the key's limit; "-1" (what the SDK sends for static keys) keeps the stored one. */
  limitExpr: string;
  duration: RateLimitDuration;
}

/** What one task takes from one key, computed when its run is created (stored on the task). */
export interface RateLimitClaim {
  key: string;
  units: number;
  /** -1: use the limit set with PutRateLimit. */
  limit: number;
  duration: RateLimitDuration;
}

const DURATIONS = new Set([
  RateLimitDuration.SECOND,
  RateLimitDuration.MINUTE,
  RateLimitDuration.HOUR,
  RateLimitDuration.DAY,
  RateLimitDuration.WEEK,
  RateLimitDuration.MONTH,
  RateLimitDuration.YEAR,
]);

export function validDuration(duration: number): duration is RateLimitDuration {
  return DURATIONS.has(duration);
}

export function rateLimitsOf(limits: CreateTaskRateLimit[], what: string): TaskRateLimit[] {
  return limits.map((limit) => {
    if (!limit.key && !limit.keyExpr) throw new EngineError("INVALID_ARGUMENT", `${what}: a rate limit needs a key`);
    if (limit.keyExpr) assertCelParses(limit.keyExpr, `${what} rate limit key`);
    if (limit.unitsExpr) assertCelParses(limit.unitsExpr, `${what} rate limit units`);
    else if (limit.units === undefined || limit.units < 0) throw new EngineError("INVALID_ARGUMENT", `${what}: rate limit units must be set and not negative`);
    const limitExpr = limit.limitValuesExpr || "-1";
    assertCelParses(limitExpr, `${what} rate limit value`);
    // Engine source: the window of a dynamic limit defaults to MINUTE.
    const duration = limit.duration ?? RateLimitDuration.MINUTE;
    if (!validDuration(duration)) throw new EngineError("INVALID_ARGUMENT", `${what}: unknown rate limit duration ${duration}`);
    return {
      key: limit.key,
      ...(limit.keyExpr ? { keyExpr: limit.keyExpr } : {}),
      ...(limit.unitsExpr ? { unitsExpr: limit.unitsExpr } : { units: limit.units }),
      limitExpr,
      duration,
    };
  });
}

function integer(expression: string, variables: Record<string, unknown>, what: string): number {
  const value = evaluateCel(expression, variables);
  const number = typeof value === "bigint" ? Number(value) : value;
  if (typeof number !== "number" || !Number.isInteger(number)) throw new CelExpressionError(`${what} ${JSON.stringify(expression)} must give an integer`);
  return number;
}

/** The keys and units a task will take, from CEL over its run's `input` and `additional_metadata`. */
export function rateLimitClaims(limits: TaskRateLimit[] | undefined, variables: { input: unknown; additional_metadata: unknown }): RateLimitClaim[] {
  try {
    return (limits ?? []).map((limit) => {
      const units = limit.unitsExpr ? integer(limit.unitsExpr, variables, "rate limit units") : (limit.units ?? 1);
      if (units < 0) throw new CelExpressionError(`rate limit units must not be negative (got ${units})`);
      const key = limit.keyExpr ? evaluateCelKey(limit.keyExpr, variables) : limit.key;
      return { key, units, limit: integer(limit.limitExpr, variables, "rate limit value"), duration: limit.duration };
    });
  } catch (error) {
    if (error instanceof CelExpressionError) throw new EngineError("INVALID_ARGUMENT", `rate limit: ${error.message}`);
    throw error;
  }
}

/** PutRateLimit, and dynamic keys whose task sets a limit: create or change the limit, keep what was used. */
export async function upsertRateLimits(client: pg.Pool | pg.PoolClient, tenantId: string, limits: { key: string; limit: number; duration: RateLimitDuration }[]): Promise<void> {
  const byKey = new Map<string, { key: string; limit: number; duration: RateLimitDuration }>();
  // Engine source: tasks naming one key with different limits get the lowest.
  for (const limit of limits) {
    const seen = byKey.get(limit.key);
    if (!seen || limit.limit < seen.limit) byKey.set(limit.key, limit);
  }
  const rows = [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
  if (rows.length === 0) return;
  const params = [tenantId, rows.map((r) => r.key), rows.map((r) => r.limit), rows.map((r) => r.duration)];
  // Every trigger of a task with a dynamic key comes here, usually with the limit unchanged. An
  // upsert (ON CONFLICT DO UPDATE) would lock the row even then, queueing each trigger behind the
  // scheduling pass that holds it; so: insert what is missing, then update only what changed.
  await client.query(
    `INSERT INTO hatchet.rate_limits (tenant_id, key, limit_value, duration)
     SELECT $1, r.key, r.limit_value, r.duration FROM unnest($2::text[], $3::int[], $4::int[]) AS r(key, limit_value, duration)
     ON CONFLICT (tenant_id, key) DO NOTHING`,
    params,
  );
  await client.query(
    `UPDATE hatchet.rate_limits l SET limit_value = r.limit_value, duration = r.duration, value = LEAST(l.value, r.limit_value)
     FROM unnest($2::text[], $3::int[], $4::int[]) AS r(key, limit_value, duration)
     WHERE l.tenant_id = $1 AND l.key = r.key AND (l.limit_value <> r.limit_value OR l.duration <> r.duration)`,
    params,
  );
}

/** The end of a window that began at `start`. */
export function windowEnd(start: Date, duration: number): Date {
  const end = new Date(start);
  switch (duration) {
    case RateLimitDuration.SECOND:
      end.setUTCSeconds(end.getUTCSeconds() + 1);
      break;
    case RateLimitDuration.MINUTE:
      end.setUTCMinutes(end.getUTCMinutes() + 1);
      break;
    case RateLimitDuration.HOUR:
      end.setUTCHours(end.getUTCHours() + 1);
      break;
    case RateLimitDuration.DAY:
      end.setUTCDate(end.getUTCDate() + 1);
      break;
    case RateLimitDuration.WEEK:
      end.setUTCDate(end.getUTCDate() + 7);
      break;
    case RateLimitDuration.MONTH:
      end.setUTCMonth(end.getUTCMonth() + 1);
      break;
    default:
      end.setUTCFullYear(end.getUTCFullYear() + 1);
  }
  return end;
}

interface Bucket {
  left: number;
  since: Date;
  touched: boolean;
}

/**
 * One scheduling pass's view of the rate limits its queued tasks need, locked (FOR UPDATE, in key
 * order) until the pass commits, so units are never handed out twice. A key nobody has set a limit
 * for admits nothing: running without the limit could break it.
 */
export class RateLimitGate {
  private constructor(private readonly buckets: Map<string, Bucket>) {}

  static async load(client: pg.PoolClient, tenantId: string, now: Date, claims: RateLimitClaim[][]): Promise<RateLimitGate> {
    const keys = [...new Set(claims.flat().map((c) => c.key))].sort();
    const buckets = new Map<string, Bucket>();
    if (keys.length === 0) return new RateLimitGate(buckets);
    const { rows } = await client.query<{ key: string; limit_value: number; duration: number; value: number | null; last_refill: Date }>(
      "SELECT key, limit_value, duration, value, last_refill FROM hatchet.rate_limits WHERE tenant_id = $1 AND key = ANY($2) ORDER BY key FOR UPDATE",
      [tenantId, keys],
    );
    for (const row of rows) {
      const refill = row.value === null || now >= windowEnd(row.last_refill, row.duration);
      buckets.set(row.key, { left: refill ? row.limit_value : row.value!, since: refill ? now : row.last_refill, touched: false });
    }
    return new RateLimitGate(buckets);
  }

  private units(claims: RateLimitClaim[]): Map<string, number> {
    const units = new Map<string, number>();
    for (const claim of claims) units.set(claim.key, (units.get(claim.key) ?? 0) + claim.units);
    return units;
  }

  allows(claims: RateLimitClaim[]): boolean {
    for (const [key, units] of this.units(claims)) {
      const bucket = this.buckets.get(key);
      if (!bucket || bucket.left < units) return false;
    }
    return true;
  }

  take(claims: RateLimitClaim[]): void {
    for (const [key, units] of this.units(claims)) {
      const bucket = this.buckets.get(key)!;
      bucket.left -= units;
      bucket.touched = true;
    }
  }

  /** Units taken for a task that could not be assigned after all (another writer held it). */
  giveBack(claims: RateLimitClaim[]): void {
    for (const [key, units] of this.units(claims)) {
      const bucket = this.buckets.get(key);
      if (bucket) bucket.left += units;
    }
  }

  async save(client: pg.PoolClient, tenantId: string): Promise<void> {
    const touched = [...this.buckets].filter(([, bucket]) => bucket.touched);
    if (touched.length === 0) return;
    await client.query(
      `UPDATE hatchet.rate_limits l SET value = t.value, last_refill = t.since FROM unnest($2::text[], $3::int[], $4::timestamptz[]) AS t(key, value, since)
       WHERE l.tenant_id = $1 AND l.key = t.key`,
      [tenantId, touched.map(([key]) => key), touched.map(([, b]) => b.left), touched.map(([, b]) => b.since)],
    );
  }
}
