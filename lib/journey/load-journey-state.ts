import type { Db } from "../db";
import type { JourneyStatus } from "./status";

/** What the planner reads to decide an enrollment's next step: one row, read in one statement. */
export interface JourneyState {
  /** `lineQueuedAt`: in its campaign's line queue since then (lib/campaigns/line-queue.ts). */
  enrollment: { id: string; journeyStatus: JourneyStatus; closedReason: string | null; lineQueuedAt: Date | null };
  campaign: { id: string; name: string; status: string; strategy: unknown; concurrency: number };
  account: { id: string; externalId: string; balanceCents: number; status: string; disputePendingAt: Date | null };
  debtor: {
    id: string;
    ceaseCommunicationAt: Date | null;
    refusedToPayAt: Date | null;
    stopCallingAt: Date | null;
    doNotCall: boolean;
    attorneyRepresentedAt: Date | null;
    bankruptcyAt: Date | null;
    deceasedAt: Date | null;
  };
  /** The active number dialled first (lowest priority, then oldest); null when none is left. */
  phone: { id: string; number: string } | null;
  /** The attempt this step reserved on an earlier try, if any. */
  reserved: { id: string; endedAt: Date | null } | null;
  /** The earliest-due pending promise of the account. */
  promise: { id: string; amountCents: number; dueDate: Date; graceDays: number | null } | null;
  attempts: { count: number; last: { placedAt: Date; outcome: string | null } | null };
}

interface Row {
  enrollment_id: string;
  journey_status: JourneyStatus;
  closed_reason: string | null;
  line_queued_at: Date | null;
  campaign_id: string;
  campaign_name: string;
  campaign_status: string;
  strategy: unknown;
  concurrency: number;
  account_id: string;
  account_external_id: string;
  balance_cents: number;
  account_status: string;
  dispute_pending_at: Date | null;
  debtor_id: string;
  cease_communication_at: Date | null;
  refused_to_pay_at: Date | null;
  stop_calling_at: Date | null;
  do_not_call: boolean;
  attorney_represented_at: Date | null;
  bankruptcy_at: Date | null;
  deceased_at: Date | null;
  phone_id: string | null;
  phone_number: string | null;
  reserved_id: string | null;
  reserved_ended_at: Date | null;
  promise_id: string | null;
  promise_amount_cents: number | null;
  promise_due_date: Date | null;
  promise_grace_days: number | null;
  attempt_count: number;
  last_placed_at: Date | null;
  last_outcome: string | null;
}

/**
 * The enrollment with its campaign, account, debtor, first active phone, this step's reservation,
 * the pending promise and the attempt history's count and last call — in one statement, since
 * every wake-up of every journey plans (through Prisma's relation loading it took nine queries).
 */
export async function loadJourneyState(db: Db, enrollmentId: string, reservationKey: string): Promise<JourneyState | undefined> {
  const [row] = await db.$queryRaw<Row[]>`
    SELECT e.id AS enrollment_id, e.journey_status::text AS journey_status, e.closed_reason, e.line_queued_at,
           c.id AS campaign_id, c.name AS campaign_name, c.status::text AS campaign_status, c.strategy, c.concurrency,
           a.id AS account_id, a.external_id AS account_external_id, a.balance_cents, a.status::text AS account_status, a.dispute_pending_at,
           d.id AS debtor_id, d.cease_communication_at, d.refused_to_pay_at, d.stop_calling_at, d.do_not_call,
           d.attorney_represented_at, d.bankruptcy_at, d.deceased_at,
           p.id AS phone_id, p.number AS phone_number,
           r.id AS reserved_id, r.ended_at AS reserved_ended_at,
           pr.id AS promise_id, pr.amount_cents AS promise_amount_cents, pr.due_date AS promise_due_date, pr.grace_days AS promise_grace_days,
           h.attempt_count, h.last_placed_at, h.last_outcome
    FROM enrollments e
    JOIN campaigns c ON c.id = e.campaign_id
    JOIN accounts a ON a.id = e.account_id
    JOIN debtors d ON d.id = a.debtor_id
    LEFT JOIN LATERAL (SELECT id, number FROM phones WHERE debtor_id = d.id AND status = 'ACTIVE' ORDER BY priority, created_at LIMIT 1) p ON true
    LEFT JOIN call_attempts r ON r.idempotency_key = ${reservationKey}
    LEFT JOIN LATERAL (SELECT id, amount_cents, due_date, grace_days FROM promises_to_pay WHERE account_id = a.id AND status = 'PENDING' ORDER BY due_date LIMIT 1) pr ON true
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS attempt_count,
             (array_agg(placed_at ORDER BY placed_at DESC))[1] AS last_placed_at,
             (array_agg(outcome::text ORDER BY placed_at DESC))[1] AS last_outcome
      FROM call_attempts WHERE enrollment_id = e.id) h
    WHERE e.id = ${enrollmentId}`;
  if (!row) return undefined;
  return {
    enrollment: { id: row.enrollment_id, journeyStatus: row.journey_status, closedReason: row.closed_reason, lineQueuedAt: row.line_queued_at },
    campaign: { id: row.campaign_id, name: row.campaign_name, status: row.campaign_status, strategy: row.strategy, concurrency: row.concurrency },
    account: { id: row.account_id, externalId: row.account_external_id, balanceCents: row.balance_cents, status: row.account_status, disputePendingAt: row.dispute_pending_at },
    debtor: {
      id: row.debtor_id,
      ceaseCommunicationAt: row.cease_communication_at,
      refusedToPayAt: row.refused_to_pay_at,
      stopCallingAt: row.stop_calling_at,
      doNotCall: row.do_not_call,
      attorneyRepresentedAt: row.attorney_represented_at,
      bankruptcyAt: row.bankruptcy_at,
      deceasedAt: row.deceased_at,
    },
    phone: row.phone_id && row.phone_number ? { id: row.phone_id, number: row.phone_number } : null,
    reserved: row.reserved_id ? { id: row.reserved_id, endedAt: row.reserved_ended_at } : null,
    promise:
      row.promise_id && row.promise_amount_cents !== null && row.promise_due_date
        ? { id: row.promise_id, amountCents: row.promise_amount_cents, dueDate: row.promise_due_date, graceDays: row.promise_grace_days }
        : null,
    attempts: { count: row.attempt_count, last: row.last_placed_at ? { placedAt: row.last_placed_at, outcome: row.last_outcome } : null },
  };
}
