import type { Db } from "../db";

/** What finishing a call reads: the attempt with its transcript, stored summary, person's zone and debts. */
export interface FinishedCall {
  enrollmentId: string | null;
  placedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  outcome: string | null;
  /** The person's first candidate time zone, if any. */
  timeZone: string | null;
  /** What the call's debts still owe (none below zero). */
  balanceCents: number;
  /** The call's first debt, for the promise taken on it. */
  account: { id: string; externalId: string } | null;
  transcript: { language: string; disposition: string | null; segments: unknown } | null;
  /** A summary an earlier try stored, in the summarizer's own shape (dates as ISO text). */
  summary: { outcome: string; callbackAt: string | null; promiseAmountCents: number | null; promiseDate: string | null } | null;
}

interface Row {
  enrollment_id: string | null;
  placed_at: Date;
  answered_at: Date | null;
  ended_at: Date | null;
  outcome: string | null;
  time_zone: string | null;
  balance_cents: number;
  account: { id: string; externalId: string } | null;
  transcript_id: string | null;
  transcript_language: string | null;
  transcript_disposition: string | null;
  transcript_segments: unknown;
  summary_id: string | null;
  summary_outcome: string | null;
  summary_callback_at: string | null;
  summary_promise_amount_cents: number | null;
  summary_promise_date: string | null;
}

/** One statement (through Prisma's relation loading it took six): every answered call is finished. */
export async function loadFinishedCall(db: Db, attemptId: string): Promise<FinishedCall | undefined> {
  const [row] = await db.$queryRaw<Row[]>`
    SELECT a.enrollment_id, a.placed_at, a.answered_at, a.ended_at, a.outcome::text AS outcome, d.time_zone_candidates[1] AS time_zone,
           (SELECT COALESCE(sum(GREATEST(ac.balance_cents, 0)), 0)::float8 FROM call_attempt_debts cd JOIN accounts ac ON ac.id = cd.account_id WHERE cd.attempt_id = a.id) AS balance_cents,
           (SELECT json_build_object('id', ac.id, 'externalId', ac.external_id) FROM call_attempt_debts cd JOIN accounts ac ON ac.id = cd.account_id
             WHERE cd.attempt_id = a.id ORDER BY cd.account_id LIMIT 1) AS account,
           t.id AS transcript_id, t.language AS transcript_language, t.disposition AS transcript_disposition, t.segments AS transcript_segments,
           s.id AS summary_id, s.outcome::text AS summary_outcome, to_char(s.callback_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS summary_callback_at,
           s.promise_amount_cents AS summary_promise_amount_cents, to_char(s.promise_date, 'YYYY-MM-DD') AS summary_promise_date
    FROM call_attempts a JOIN debtors d ON d.id = a.debtor_id
    LEFT JOIN transcripts t ON t.attempt_id = a.id
    LEFT JOIN call_summaries s ON s.attempt_id = a.id
    WHERE a.id = ${attemptId}`;
  if (!row) return undefined;
  return {
    enrollmentId: row.enrollment_id,
    placedAt: row.placed_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    outcome: row.outcome,
    timeZone: row.time_zone,
    balanceCents: row.balance_cents,
    account: row.account,
    transcript: row.transcript_id ? { language: row.transcript_language ?? "en", disposition: row.transcript_disposition, segments: row.transcript_segments } : null,
    summary:
      row.summary_id && row.summary_outcome
        ? { outcome: row.summary_outcome, callbackAt: row.summary_callback_at, promiseAmountCents: row.summary_promise_amount_cents, promiseDate: row.summary_promise_date }
        : null,
  };
}
