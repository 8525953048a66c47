import type { Db, Tx } from "../db";
import type { CampaignProgress } from "../contracts/campaign";

/**
 * The campaign's funnel: enrollments by journey status, attempts placed, connected calls (counted
 * toward 7-in-7), conversations, promises and applied payments on enrolled accounts since launch.
 */
export async function campaignProgress(db: Db | Tx, campaignId: string): Promise<CampaignProgress> {
  const [byStatus, calls, money] = await Promise.all([
    db.enrollment.groupBy({ by: ["journeyStatus"], where: { campaignId }, _count: { _all: true } }),
    db.$queryRaw<{ attempts: bigint; connected: bigint; conversations: bigint }[]>`
      SELECT count(*) AS attempts,
             count(*) FILTER (WHERE a.counted AND a.outcome IS NOT NULL AND a.outcome NOT IN ('NOT_IN_SERVICE', 'BUSY', 'CARRIER_ERROR', 'NO_ANSWER')) AS connected,
             count(*) FILTER (WHERE a.conversation) AS conversations
      FROM call_attempts a JOIN enrollments e ON e.id = a.enrollment_id
      WHERE e.campaign_id = ${campaignId}`,
    db.$queryRaw<{ promises: bigint; payments: bigint; collected: bigint | null }[]>`
      SELECT (SELECT count(*) FROM promises_to_pay p JOIN enrollments e ON e.account_id = p.account_id
               WHERE e.campaign_id = ${campaignId} AND p.created_at >= e.created_at) AS promises,
             count(pay.id) AS payments, sum(pay.amount_cents) AS collected
      FROM enrollments e JOIN payments pay ON pay.account_id = e.account_id AND pay.status = 'APPLIED' AND pay.received_at >= e.created_at
      WHERE e.campaign_id = ${campaignId}`,
  ]);
  const byJourneyStatus = Object.fromEntries(byStatus.map((row) => [row.journeyStatus, row._count._all]));
  return {
    enrollments: byStatus.reduce((sum, row) => sum + row._count._all, 0),
    byJourneyStatus,
    attempts: Number(calls[0]?.attempts ?? 0),
    connected: Number(calls[0]?.connected ?? 0),
    conversations: Number(calls[0]?.conversations ?? 0),
    promises: Number(money[0]?.promises ?? 0),
    payments: Number(money[0]?.payments ?? 0),
    collectedCents: Number(money[0]?.collected ?? 0),
  };
}
