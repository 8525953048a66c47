/**
 * The data `npm run bench:api` reads: 20,000 accounts with their debtors and phones (through the
 * product's bulk upsert), one in ten of them DISPUTED, a running campaign with one enrollment per
 * account, and one call attempt per enrollment about its account. Activity rows are written with
 * set-based SQL: the bench measures reads, and 40,000 rows through Prisma would take minutes.
 */
import type { Db } from "../../lib/db";
import { upsertAccounts } from "../../lib/debtors/upsert-accounts";
import { accountItem } from "../../app/api/v1/testing/harness";

export const SEEDED_ACCOUNTS = 20_000;
export const CAMPAIGN_ID = "bench_campaign";
const JOURNEY_STATUSES = ["WAITING_RETRY", "WAITING_RETRY", "PROMISE_PENDING", "CLOSED", "EXHAUSTED"];
const OUTCOMES = ["NO_ANSWER", "VOICEMAIL", "NO_ANSWER", "RIGHT_PARTY_CONTACT", "PROMISE_TO_PAY"];

export async function seedBenchData(db: Db): Promise<void> {
  const actor = { type: "SYSTEM" as const, id: null };
  for (let batch = 0; batch < SEEDED_ACCOUNTS / 1000; batch++) {
    await upsertAccounts(db, { items: Array.from({ length: 1000 }, (_, i) => accountItem(batch * 1000 + i)) }, actor);
  }
  // A status filter that matches one row in ten: the index on status, not the primary key, finds them.
  await db.$executeRaw`UPDATE accounts SET status = 'DISPUTED', dispute_pending_at = now() WHERE right(external_id, 1) = '7'`;
  await db.campaign.create({ data: { id: CAMPAIGN_ID, name: "bench", status: "RUNNING", strategy: { maxAttempts: 4 }, segment: { all: true }, launchedAt: new Date() } });
  await db.$executeRaw`
    INSERT INTO enrollments (id, campaign_id, account_id, journey_status, attempts_made, next_action_at, created_at, updated_at)
    SELECT 'enr_' || a.id, ${CAMPAIGN_ID}, a.id, (${JOURNEY_STATUSES}::text[])[1 + (row_number() OVER (ORDER BY a.id)) % 5]::journey_status, 1, now() + interval '2 days', a.created_at, a.created_at
    FROM accounts a`;
  await db.$executeRaw`
    INSERT INTO call_attempts (id, enrollment_id, debtor_id, phone_id, phone_number, direction, idempotency_key, placed_at, answered_at, ended_at, outcome, counted, conversation, created_at, updated_at)
    SELECT 'call_' || a.id, 'enr_' || a.id, a.debtor_id, p.id, p.number, 'OUTBOUND', 'bench-' || a.id, now() - interval '1 day', NULL, now() - interval '1 day' + interval '40 seconds',
      (${OUTCOMES}::text[])[1 + (row_number() OVER (ORDER BY a.id)) % 5]::call_outcome, true, false, now(), now()
    FROM accounts a JOIN LATERAL (SELECT id, number FROM phones WHERE debtor_id = a.debtor_id LIMIT 1) p ON true`;
  await db.$executeRaw`INSERT INTO call_attempt_debts (attempt_id, account_id) SELECT 'call_' || id, id FROM accounts`;
  await db.$executeRaw`ANALYZE`;
}
