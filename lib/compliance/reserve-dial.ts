import { z } from "zod";
import { Semaphore } from "../concurrency/semaphore";
import { transaction, type Db, type Tx } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { evaluateDialGate } from "./gate";
import { loadGateInput } from "./load-gate-input";
import { isValidTimeZone } from "./local-time";
import { callMustEndBy } from "./rules/calling-hours";
import { DEFAULT_POLICY, type DenyReason, type GateInput, type GatePolicy, type GateResult } from "./types";

export const ReserveDialRequestSchema = z.object({
  /** The dial step's key: a retried step finds its first attempt instead of dialling again. */
  idempotencyKey: z.string().min(1).max(200),
  debtorId: z.string().min(1),
  phoneId: z.string().min(1),
  /** The debts the call is about (Cmt. 14(b)(4)-1); each is gated and recorded. */
  accountIds: z.array(z.string().min(1)).min(1),
  enrollmentId: z.string().min(1).optional(),
  campaignCaps: z
    .object({
      maxAttempts: z.number().int().positive().optional(),
      maxAttemptsPerDay: z.number().int().positive().optional(),
      /** At most `limit` calls of the campaign at once; reservations in one campaign serialize on its lock to count them. */
      concurrency: z.object({ campaignId: z.string().min(1), limit: z.number().int().positive() }).optional(),
    })
    .optional(),
});
export type ReserveDialRequest = z.infer<typeof ReserveDialRequestSchema>;

export type ReserveDialResult =
  | {
      readonly status: "reserved";
      readonly attemptId: string;
      readonly phoneNumber: string;
      readonly placedAt: Date;
      /** Hang up by then: 21:00 in the earliest candidate zone (1006.6(b)(1)(i)). */
      readonly mustEndBy: Date | null;
      /** True when a retried step found its first attempt: do not dial again unless it never started. */
      readonly replayed: boolean;
    }
  | {
      readonly status: "denied";
      readonly decisionId: string;
      readonly reasons: readonly DenyReason[];
      readonly nextAllowedAt: Date | null;
      /** Every rule passed but the campaign's lines were all busy: a call that ends can free one. */
      readonly linesBusy: boolean;
    };

/**
 * Dial transactions of one campaign serialize on its lock, each holding a pooled connection while
 * it waits. At most this many per process at once: a launch's burst of plan steps queues here,
 * holding nothing, instead of taking every connection the other steps need (their transactions
 * then timed out waiting for the pool).
 */
const dialTransactions = new Semaphore(4);

/**
 * The dial-time transaction (COMPLIANCE.md §1 "Dial time"): under advisory locks on every debt,
 * the person and the line, reads the ledger, runs the gate, and in the same transaction writes
 * either the CallAttempt (+ its debts) with an ALLOW decision, or a DENY decision with reasons
 * and the next allowed instant. Concurrent dials for one debt, person or line serialize here, so
 * no two can both pass a limit that only one fits under.
 */
export async function reserveDialAttempt(
  db: Db,
  input: ReserveDialRequest,
  options: {
    /** A virtual clock, read after the locks (a time taken before them could be older than a dial that won the lock first); default: the database clock. */
    now?: Date | (() => Date);
    policy?: GatePolicy;
    /**
     * Runs in the dial transaction once the decision is written, so the caller's own state change
     * (the journey's move to DIALING, or its wait) commits with it or not at all. Not called for a
     * reservation an earlier try of the same step already made. At a campaign's concurrency cap
     * it is called twice: with the reservation, whose writes (its own included) are then rolled
     * back, and with the denial; keep no state from the first call.
     */
    within?: (tx: Tx, result: ReserveDialResult) => Promise<void>;
    /** The caller has just read that no attempt has this key (the planner's state): skip that read before the locks (the one under them stays). */
    reservationChecked?: boolean;
  } = {},
): Promise<ReserveDialResult> {
  const request = ReserveDialRequestSchema.parse(input);
  const existing = options.reservationChecked ? undefined : await findReserved(db, request.idempotencyKey);
  if (existing) return existing;
  return dialTransactions.run(() => transaction(db, "reserve-dial", async (tx) => {
    const [phone] = await tx.$queryRaw<{ number: string }[]>`SELECT number FROM phones WHERE id = ${request.phoneId}`;
    const concurrency = request.campaignCaps?.concurrency;
    await lockInOrder(tx, [...request.accountIds.map((id) => `debt:${id}`), `person:${request.debtorId}`, `line:${phone?.number ?? request.phoneId}`]);
    // The same step may have won the locks first in another process.
    const raced = await findReserved(tx, request.idempotencyKey);
    if (raced) return raced;

    // One clock for the whole ledger: the database's, read after the locks, so every attempt this
    // dial can conflict with is already in the past. `now` is for simulations on a virtual clock.
    const now = typeof options.now === "function" ? options.now() : (options.now ?? (await databaseNow(tx)));
    const policy = options.policy ?? DEFAULT_POLICY;
    const caps = request.campaignCaps;
    const campaign =
      request.enrollmentId && caps
        ? {
            enrollmentId: request.enrollmentId,
            ...(caps.maxAttempts !== undefined ? { maxAttempts: caps.maxAttempts } : {}),
            ...(caps.maxAttemptsPerDay !== undefined ? { maxAttemptsPerDay: caps.maxAttemptsPerDay } : {}),
          }
        : undefined;
    const gateInput = await loadGateInput(tx, { ...request, ...(campaign ? { campaign } : {}) }, now, policy);
    const decision = {
      debtorId: request.debtorId,
      accountIds: request.accountIds,
      phoneId: request.phoneId,
      enrollmentId: request.enrollmentId ?? null,
      evaluatedAt: now,
    };
    const deny = async (input: GateInput, result: Extract<GateResult, { allow: false }>, linesBusy = false): Promise<ReserveDialResult> => {
      const denied = await tx.complianceDecision.create({
        data: { ...decision, snapshot: snapshotOf(input), decision: "DENY", reasons: result.reasons.map((r) => ({ ...r })), nextAllowedAt: result.nextAllowedAt ?? null },
        select: { id: true },
      });
      const deniedResult: ReserveDialResult = { status: "denied", decisionId: denied.id, reasons: result.reasons, nextAllowedAt: result.nextAllowedAt ?? null, linesBusy };
      await options.within?.(tx, deniedResult);
      return deniedResult;
    };
    const result = evaluateDialGate(gateInput);
    if (!result.allow) return deny(gateInput, result);

    // A campaign's dials serialize on its lock to count its calls in progress. Everything else is
    // written first, under a savepoint: the lock is then held for two statements and the commit
    // (it was held over ten round trips, and a launch's dials queued on it at 5–8 a second).
    // Over the cap, the writes are rolled back to the savepoint and a denial is written instead.
    const capped = concurrency && gateInput.campaign ? { ...concurrency, caps: gateInput.campaign } : undefined;
    if (capped) await tx.$executeRaw`SAVEPOINT before_dial`;
    const attempt = await tx.callAttempt.create({
      data: {
        enrollmentId: request.enrollmentId ?? null,
        debtorId: request.debtorId,
        phoneId: request.phoneId,
        phoneNumber: gateInput.phone.number,
        direction: "OUTBOUND",
        idempotencyKey: request.idempotencyKey,
        placedAt: now,
        // Counted until the outcome says otherwise (§9: unknown connection counts).
        counted: true,
        conversation: false,
        debts: { create: request.accountIds.map((accountId) => ({ accountId })) },
      },
      select: { id: true },
    });
    const allowed = await tx.complianceDecision.create({ data: { ...decision, snapshot: snapshotOf(gateInput), decision: "ALLOW", reasons: [], attemptId: attempt.id }, select: { id: true } });
    const reserved: ReserveDialResult = { status: "reserved", attemptId: attempt.id, phoneNumber: gateInput.phone.number, placedAt: now, mustEndBy: result.mustEndBy, replayed: false };
    await options.within?.(tx, reserved);
    if (!capped) return reserved;

    // The campaign's lock is taken last (after the sorted person locks, so no cycle). Its count
    // is a statement of its own, after the lock: under READ COMMITTED it then sees every dial that
    // held the lock before, committed (this one's own attempt is left out of the count).
    await lockInOrder(tx, [`campaign:${capped.campaignId}`]);
    const concurrentCalls = { limit: capped.limit, inProgress: await recordCallsInProgress(tx, { decisionId: allowed.id, attemptId: attempt.id }, capped.campaignId, capped.limit, now, policy) };
    const withCalls: GateInput = { ...gateInput, campaign: { ...capped.caps, concurrentCalls } };
    const recheck = evaluateDialGate(withCalls);
    if (recheck.allow) return reserved;
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT before_dial`;
    // Only the call count changed since the first evaluation allowed: it is the only reason.
    return deny(withCalls, recheck, true);
    // Dials for one debt, person or line queue on the locks while holding a connection, so others
    // may wait for the pool longer than Prisma's 2 s default.
  }, { maxWaitMs: 20_000, timeoutMs: 30_000 }));
}

/**
 * The campaign's other calls still going at `now` — placed, no outcome yet, and recent enough to
 * be live (a call is cut at the policy's length; ringing and hang-up reporting get five minutes
 * more), so an attempt whose outcome never arrived stops holding a slot — counted and written into
 * this dial's ALLOW snapshot in one statement (the auditor reads what the dial saw).
 */
async function recordCallsInProgress(tx: Tx, dial: { decisionId: string; attemptId: string }, campaignId: string, limit: number, now: Date, policy: GatePolicy): Promise<number> {
  const since = new Date(now.getTime() - (policy.maxCallMinutes + 5) * 60_000);
  const [row] = await tx.$queryRaw<{ count: number }[]>`
    WITH calls AS (
      SELECT count(*)::int AS count FROM call_attempts a JOIN enrollments e ON e.id = a.enrollment_id
      WHERE e.campaign_id = ${campaignId} AND a.id <> ${dial.attemptId} AND a.outcome IS NULL AND a.placed_at > ${since} AND a.placed_at <= ${now})
    UPDATE compliance_decisions SET snapshot = jsonb_set(snapshot, '{campaign,concurrentCalls}', jsonb_build_object('limit', ${limit}::int, 'inProgress', (SELECT count FROM calls)))
    WHERE id = ${dial.decisionId} RETURNING (SELECT count FROM calls) AS count`;
  if (!row) throw new Error(`the ALLOW decision ${dial.decisionId} vanished inside its own transaction`);
  return row.count;
}

/** The gate's input as JSON, the way the decision's snapshot stores it. */
function snapshotOf(input: GateInput): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(input)) as Prisma.InputJsonValue;
}

async function databaseNow(tx: Tx): Promise<Date> {
  const [row] = await tx.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
  if (!row) throw new Error("clock_timestamp() returned no row");
  return row.now;
}

async function findReserved(client: Db | Tx, idempotencyKey: string): Promise<ReserveDialResult | undefined> {
  const [attempt] = await client.$queryRaw<{ id: string; phone_number: string; placed_at: Date; time_zone_candidates: string[] }[]>`
    SELECT a.id, a.phone_number, a.placed_at, d.time_zone_candidates FROM call_attempts a JOIN debtors d ON d.id = a.debtor_id WHERE a.idempotency_key = ${idempotencyKey}`;
  if (!attempt) return undefined;
  const zones = attempt.time_zone_candidates.filter(isValidTimeZone);
  const mustEndBy = zones.length > 0 ? callMustEndBy(zones, attempt.placed_at) : null;
  return { status: "reserved", attemptId: attempt.id, phoneNumber: attempt.phone_number, placedAt: attempt.placed_at, mustEndBy, replayed: true };
}

/**
 * Transaction-scoped advisory locks on hashed keys, always in sorted order so two dials sharing
 * keys can never wait on each other in a cycle. A hash collision only serializes more. One
 * statement: a function scan over the array yields its elements, and takes the locks, in order.
 */
async function lockInOrder(tx: Tx, keys: string[]): Promise<void> {
  const sorted = [...new Set(keys)].sort();
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(key, 0)) FROM unnest(${sorted}::text[]) AS key`;
}
