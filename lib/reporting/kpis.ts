import type { Db } from "../db";
import type { CallOutcome } from "../contracts/call-outcome";

/** Outcomes where the debtor was reached and identified (COMPLIANCE.md §9): right-party contacts. */
export const RIGHT_PARTY_OUTCOMES: readonly CallOutcome[] = [
  "RIGHT_PARTY_CONTACT",
  "PROMISE_TO_PAY",
  "PAID_ON_CALL",
  "DISPUTE",
  "REFUSAL_TO_PAY",
  "CEASE_REQUEST",
  "ATTORNEY_REPRESENTED",
  "INCONVENIENT_TIME",
  "CALLBACK_REQUESTED",
];

export interface DailyPoint {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  dials: number;
  rightPartyContacts: number;
  recoveredCents: number;
}

export interface Kpis {
  from: string;
  to: string;
  dials: number;
  rightPartyContacts: number;
  /** Right-party contacts per outbound dial; null without dials. */
  rightPartyContactRate: number | null;
  promisesMade: number;
  /** Promises made per right-party contact; null without contacts. */
  promiseToPayRate: number | null;
  promisesKept: number;
  promisesBroken: number;
  /** Kept among promises resolved in the period; null when none resolved. */
  promiseKeptRate: number | null;
  recoveredCents: number;
  /** Recovered in the period over the original balance placed (accounts created before the period ended). */
  liquidationRate: number | null;
  placedCents: number;
  dialsToday: number;
  complianceBlocks: number;
  /** The most frequent reasons of the period's blocks. */
  blockReasons: { code: string; count: number }[];
  /** Telephony plus LLM cost of the period's calls, in cents. */
  costCents: number;
  /** Cents spent per dollar recovered; null when nothing was recovered. */
  costPerDollarCollected: number | null;
  daily: DailyPoint[];
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/**
 * The dashboard's numbers for [from, to), straight from the ledger tables: outbound call attempts,
 * promises, applied payments (reversed and parked ones excluded), compliance decisions.
 * `now` fixes "today" (the UTC day holding it).
 */
export async function computeKpis(client: Db, range: { from: Date; to: Date }, now: Date): Promise<Kpis> {
  const { from, to } = range;
  const todayStart = new Date(Math.floor(now.getTime() / 86_400_000) * 86_400_000);
  const rpc = RIGHT_PARTY_OUTCOMES as string[];
  const [calls] = await client.$queryRaw<{ dials: number; rpc: number; cost_cents: number; dials_today: number }[]>`
    SELECT count(*) FILTER (WHERE a.placed_at >= ${from} AND a.placed_at < ${to})::int AS dials,
           count(*) FILTER (WHERE a.placed_at >= ${from} AND a.placed_at < ${to} AND a.outcome::text = ANY(${rpc}))::int AS rpc,
           (coalesce(sum(a.cost_cents) FILTER (WHERE a.placed_at >= ${from} AND a.placed_at < ${to}), 0)
             + coalesce(sum(s.cost_micros) FILTER (WHERE a.placed_at >= ${from} AND a.placed_at < ${to}), 0) / 10000.0)::float8 AS cost_cents,
           count(*) FILTER (WHERE a.placed_at >= ${todayStart} AND a.placed_at < ${new Date(todayStart.getTime() + 86_400_000)})::int AS dials_today
      FROM call_attempts a LEFT JOIN call_summaries s ON s.attempt_id = a.id
     WHERE a.direction = 'OUTBOUND' AND ((a.placed_at >= ${from} AND a.placed_at < ${to}) OR a.placed_at >= ${todayStart})`;
  const [promises] = await client.$queryRaw<{ made: number; kept: number; broken: number }[]>`
    SELECT count(*) FILTER (WHERE created_at >= ${from} AND created_at < ${to})::int AS made,
           count(*) FILTER (WHERE status = 'KEPT' AND resolved_at >= ${from} AND resolved_at < ${to})::int AS kept,
           count(*) FILTER (WHERE status = 'BROKEN' AND resolved_at >= ${from} AND resolved_at < ${to})::int AS broken
      FROM promises_to_pay`;
  const [money] = await client.$queryRaw<{ recovered: number; placed: number }[]>`
    SELECT (SELECT coalesce(sum(amount_cents), 0) FROM payments WHERE status = 'APPLIED' AND received_at >= ${from} AND received_at < ${to})::float8 AS recovered,
           (SELECT coalesce(sum(original_balance_cents), 0) FROM accounts WHERE created_at < ${to})::float8 AS placed`;
  const [blocks] = await client.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM compliance_decisions WHERE decision = 'DENY' AND evaluated_at >= ${from} AND evaluated_at < ${to}`;
  const blockReasons = await client.$queryRaw<{ code: string; count: number }[]>`
    SELECT r->>'code' AS code, count(*)::int AS count
      FROM compliance_decisions d, jsonb_array_elements(CASE WHEN jsonb_typeof(d.reasons) = 'array' THEN d.reasons ELSE '[]'::jsonb END) r
     WHERE d.decision = 'DENY' AND d.evaluated_at >= ${from} AND d.evaluated_at < ${to} AND r ? 'code'
     GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5`;
  const daily = await client.$queryRaw<{ day: string; dials: number; rpc: number; recovered: number }[]>`
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
           (SELECT count(*) FROM call_attempts a WHERE a.direction = 'OUTBOUND' AND a.placed_at >= d.day AND a.placed_at < d.day + interval '1 day')::int AS dials,
           (SELECT count(*) FROM call_attempts a WHERE a.direction = 'OUTBOUND' AND a.placed_at >= d.day AND a.placed_at < d.day + interval '1 day' AND a.outcome::text = ANY(${rpc}))::int AS rpc,
           (SELECT coalesce(sum(amount_cents), 0) FROM payments p WHERE p.status = 'APPLIED' AND p.received_at >= d.day AND p.received_at < d.day + interval '1 day')::float8 AS recovered
      FROM generate_series((${from}::timestamptz AT TIME ZONE 'UTC')::date, ((${to}::timestamptz AT TIME ZONE 'UTC') - interval '1 day')::date, interval '1 day') AS g(d0)
      CROSS JOIN LATERAL (SELECT (g.d0::date::timestamp AT TIME ZONE 'UTC') AS day) d
     ORDER BY d.day`;

  const c = calls ?? { dials: 0, rpc: 0, cost_cents: 0, dials_today: 0 };
  const p = promises ?? { made: 0, kept: 0, broken: 0 };
  const m = money ?? { recovered: 0, placed: 0 };
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    dials: c.dials,
    rightPartyContacts: c.rpc,
    rightPartyContactRate: ratio(c.rpc, c.dials),
    promisesMade: p.made,
    promiseToPayRate: ratio(p.made, c.rpc),
    promisesKept: p.kept,
    promisesBroken: p.broken,
    promiseKeptRate: ratio(p.kept, p.kept + p.broken),
    recoveredCents: m.recovered,
    liquidationRate: ratio(m.recovered, m.placed),
    placedCents: m.placed,
    dialsToday: c.dials_today,
    complianceBlocks: blocks?.count ?? 0,
    blockReasons,
    costCents: Math.round(c.cost_cents),
    costPerDollarCollected: m.recovered > 0 ? c.cost_cents / (m.recovered / 100) : null,
    daily: daily.map((d) => ({ day: d.day, dials: d.dials, rightPartyContacts: d.rpc, recoveredCents: d.recovered })),
  };
}
