import { IdempotencyMethod, type IdempotencyConfig as IdempotencyProto } from "@hatchet-dev/typescript-sdk/protoc/v1/workflows";
import type pg from "pg";
import { assertCelParses, CelExpressionError, evaluateCelKey } from "../cel";
import { EngineError } from "./errors";

/**
 * A workflow's idempotency setting (spec §6.3). TTL: the first run with a key holds it for
 * `ttlMs`; each accepted run restarts that window. STATUS: also released as soon as the holding
 * run ends (`ttlMs` is then only the fallback).
 */
export interface IdempotencyConfig {
  expression: string;
  ttlMs: number;
  method: "TTL" | "STATUS";
}

/** Engine source: keys with this prefix belong to Hatchet itself. */
const RESERVED_PREFIX = "hatchet_internal_";

export function idempotencyOf(config: IdempotencyProto): IdempotencyConfig {
  assertCelParses(config.expression, "idempotency");
  const ttlMs = Number(config.ttlMs);
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) throw new EngineError("INVALID_ARGUMENT", "idempotency: ttlMs must be a positive number of milliseconds");
  return { expression: config.expression, ttlMs, method: config.method === IdempotencyMethod.STATUS ? "STATUS" : "TTL" };
}

/** The run's key: CEL over `input` and `additional_metadata`, which must give a string. */
export function idempotencyKey(config: IdempotencyConfig, variables: { input: unknown; additional_metadata: unknown }): string {
  let key: string;
  try {
    key = evaluateCelKey(config.expression, variables);
  } catch (error) {
    if (error instanceof CelExpressionError) throw new EngineError("INVALID_ARGUMENT", `idempotency key: ${error.message}`);
    throw error;
  }
  if (key.startsWith(RESERVED_PREFIX)) throw new EngineError("INVALID_ARGUMENT", `idempotency key ${JSON.stringify(key)} uses the reserved prefix ${RESERVED_PREFIX}`);
  return key;
}

/** A trigger refused because another run holds its key; Hatchet answers ALREADY_EXISTS with both ids. */
export class IdempotencyCollision extends EngineError {
  constructor(
    readonly existingRunId: string,
    readonly collidingRunId: string,
  ) {
    super("ALREADY_EXISTS", "idempotency key collision");
  }
}

export interface KeyClaim {
  key: string;
  runId: string;
  method: IdempotencyConfig["method"];
  expiresAt: Date;
}

/**
 * Claims keys for runs about to be created, in the caller's transaction (so a refused or rolled
 * back trigger holds nothing). A key is free when absent, expired, or (STATUS) held by a run that
 * has ended. Returns the runs that must not be created, each with the run holding its key; within
 * one call the first claim of a key wins. Keys are tenant-wide, as in Hatchet.
 */
export async function claimIdempotencyKeys(client: pg.PoolClient, tenantId: string, now: Date, claims: KeyClaim[]): Promise<Map<string, string>> {
  const refused = new Map<string, string>();
  const first = new Map<string, KeyClaim>();
  for (const claim of claims) {
    const holder = first.get(claim.key);
    if (holder) refused.set(claim.runId, holder.runId);
    else first.set(claim.key, claim);
  }
  if (first.size === 0) return refused;
  const unique = [...first.values()].sort((a, b) => a.key.localeCompare(b.key));
  // ON CONFLICT locks a held row even when it keeps it, so a racing claim waits for this one.
  const { rows: claimed } = await client.query<{ key: string }>(
    `INSERT INTO hatchet.idempotency_keys AS k (tenant_id, key, run_id, method, expires_at)
     SELECT $1, c.key, c.run_id, c.method, c.expires_at FROM unnest($2::text[], $3::uuid[], $4::text[], $5::timestamptz[]) AS c(key, run_id, method, expires_at)
     ON CONFLICT (tenant_id, key) DO UPDATE SET run_id = EXCLUDED.run_id, method = EXCLUDED.method, expires_at = EXCLUDED.expires_at
       WHERE k.expires_at <= $6
          OR (k.method = 'STATUS' AND EXISTS (SELECT 1 FROM hatchet.runs r WHERE r.id = k.run_id AND r.status IN ('COMPLETED', 'FAILED', 'CANCELLED')))
     RETURNING k.key`,
    [tenantId, unique.map((c) => c.key), unique.map((c) => c.runId), unique.map((c) => c.method), unique.map((c) => c.expiresAt), now],
  );
  const won = new Set(claimed.map((row) => row.key));
  const lost = unique.filter((c) => !won.has(c.key));
  if (lost.length > 0) {
    const { rows } = await client.query<{ key: string; run_id: string }>("SELECT key, run_id FROM hatchet.idempotency_keys WHERE tenant_id = $1 AND key = ANY($2)", [
      tenantId,
      lost.map((c) => c.key),
    ]);
    const holders = new Map(rows.map((row) => [row.key, row.run_id]));
    for (const claim of lost) refused.set(claim.runId, holders.get(claim.key) ?? "");
  }
  // A later duplicate in this call collides with the winner, or with whoever beat the winner.
  for (const [runId, holderRunId] of refused) if (refused.has(holderRunId)) refused.set(runId, refused.get(holderRunId)!);
  return refused;
}
