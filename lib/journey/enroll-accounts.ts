import { z } from "zod";
import type { Db } from "../db";
import { insertRecordset, newId } from "../debtors/insert-recordset";

/** Enrollments written per statement: one JSON parameter of this many rows. */
const INSERT_BATCH = 10_000;

/**
 * Which accounts a campaign takes (Campaign.segment): explicit ids, or filters over the portfolio.
 * Reads both the internal shape (`accountIds`, used by seeds and the simulation) and the API's
 * (lib/contracts/campaign.ts: `statuses`, `creditors`, `excludeTimeBarred`, `accountExternalIds`),
 * which the CRM API and the console store.
 */
export const CampaignSegmentSchema = z.strictObject({
  accountIds: z.array(z.string().min(1)).max(100_000).optional(),
  accountExternalIds: z.array(z.string().min(1)).max(100_000).optional(),
  statuses: z.array(z.string()).optional(),
  creditors: z.array(z.string().min(1)).optional(),
  excludeTimeBarred: z.boolean().optional(),
  states: z.array(z.string().length(2)).max(60).optional(),
  minBalanceCents: z.number().int().min(0).optional(),
  maxBalanceCents: z.number().int().min(0).optional(),
});
export type CampaignSegment = z.infer<typeof CampaignSegmentSchema>;

const ENROLLMENT_COLUMNS = { id: "text", campaign_id: "text", account_id: "text" };

/**
 * Enrolls the campaign's segment: active accounts with a balance, not already in another running
 * journey. One enrollment per (campaign, account) — running it again adds only what is new.
 * Returns the enrollments whose journeys have not been started yet.
 */
export async function enrollAccounts(db: Db, campaignId: string): Promise<{ id: string; accountId: string }[]> {
  const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
  const segment = CampaignSegmentSchema.parse(campaign.segment ?? {});
  // Only active debts are collected: a segment naming other statuses alone takes nothing.
  if (segment.statuses && !segment.statuses.includes("ACTIVE")) return db.enrollment.findMany({ where: { campaignId, workflowRunId: null }, select: { id: true, accountId: true } });
  const accounts = await db.account.findMany({
    where: {
      status: "ACTIVE",
      ...(segment.accountExternalIds ? { externalId: { in: segment.accountExternalIds } } : {}),
      ...(segment.creditors ? { creditor: { in: segment.creditors } } : {}),
      ...(segment.excludeTimeBarred ? { timeBarred: false } : {}),
      balanceCents: { gt: Math.max(0, (segment.minBalanceCents ?? 1) - 1), ...(segment.maxBalanceCents !== undefined ? { lte: segment.maxBalanceCents } : {}) },
      ...(segment.accountIds ? { id: { in: segment.accountIds } } : {}),
      ...(segment.states ? { debtor: { state: { in: segment.states } } } : {}),
      enrollments: { none: { campaignId: { not: campaignId }, journeyStatus: { notIn: ["PAID", "CLOSED", "DISPUTED", "CEASED", "ESCALATED", "EXHAUSTED", "CANCELLED", "FAILED"] } } },
    },
    select: { id: true },
  });
  // One statement per ten thousand rows (lib/debtors/insert-recordset.ts): a 100,000-account
  // launch spent most of its 46 s to enrol in a hundred Prisma createMany calls.
  for (let i = 0; i < accounts.length; i += INSERT_BATCH) {
    const rows = accounts.slice(i, i + INSERT_BATCH).map((a) => ({ id: newId(), campaign_id: campaignId, account_id: a.id }));
    await insertRecordset(db, "enrollments", ENROLLMENT_COLUMNS, rows, "ON CONFLICT (campaign_id, account_id) DO NOTHING");
  }
  return db.enrollment.findMany({ where: { campaignId, workflowRunId: null }, select: { id: true, accountId: true } });
}
