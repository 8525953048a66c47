import type { Db } from "../db";
import type { CampaignStatus, JourneyStatus } from "../generated/prisma/client";
import { RIGHT_PARTY_OUTCOMES } from "./kpis";

export interface CampaignFunnel {
  enrolled: number;
  dialled: number;
  contacted: number;
  promised: number;
  paid: number;
  escalated: number;
  disputed: number;
}

export interface CampaignProgress {
  id: string;
  name: string;
  status: CampaignStatus;
  launchedAt: string | null;
  funnel: CampaignFunnel;
  /** Journeys per status, for the status table. */
  journeys: Partial<Record<JourneyStatus, number>>;
  /** Calls placed in the last hour: the campaign's current throughput. */
  callsLastHour: number;
  /** When the numbers were read, so the live view can show its freshness. */
  readAt: string;
}

/**
 * A campaign's funnel: enrolled → dialled (≥ 1 call) → contacted (a right-party contact) →
 * promised → paid, with escalated and disputed beside it. Each stage counts enrollments, so a
 * stage never exceeds the one before it except for the side branches.
 */
export async function campaignProgress(client: Db, campaignId: string, now: Date = new Date()): Promise<CampaignProgress | null> {
  const campaign = await client.campaign.findUnique({ where: { id: campaignId } });
  if (!campaign) return null;
  const rpc = RIGHT_PARTY_OUTCOMES as string[];
  const [row] = await client.$queryRaw<(CampaignFunnel & { calls_last_hour: number })[]>`
    SELECT count(*)::int AS enrolled,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM call_attempts a WHERE a.enrollment_id = e.id))::int AS dialled,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM call_attempts a WHERE a.enrollment_id = e.id AND a.outcome::text = ANY(${rpc})))::int AS contacted,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM promises_to_pay p JOIN call_attempts a ON a.id = p.attempt_id WHERE a.enrollment_id = e.id))::int AS promised,
           count(*) FILTER (WHERE e.journey_status IN ('PAID', 'CLOSED') OR EXISTS (SELECT 1 FROM payments p WHERE p.account_id = e.account_id AND p.status = 'APPLIED' AND p.received_at >= e.created_at))::int AS paid,
           count(*) FILTER (WHERE e.journey_status = 'ESCALATED' OR e.escalated_at IS NOT NULL)::int AS escalated,
           count(*) FILTER (WHERE e.journey_status = 'DISPUTED')::int AS disputed,
           (SELECT count(*) FROM call_attempts a JOIN enrollments e2 ON e2.id = a.enrollment_id WHERE e2.campaign_id = ${campaignId} AND a.placed_at > ${new Date(now.getTime() - 3_600_000)} AND a.placed_at <= ${now})::int AS calls_last_hour
      FROM enrollments e WHERE e.campaign_id = ${campaignId}`;
  const byStatus = await client.enrollment.groupBy({ by: ["journeyStatus"], where: { campaignId }, _count: { _all: true } });
  return {
    id: campaign.id,
    name: campaign.name,
    status: campaign.status,
    launchedAt: campaign.launchedAt?.toISOString() ?? null,
    funnel: {
      enrolled: row?.enrolled ?? 0,
      dialled: row?.dialled ?? 0,
      contacted: row?.contacted ?? 0,
      promised: row?.promised ?? 0,
      paid: row?.paid ?? 0,
      escalated: row?.escalated ?? 0,
      disputed: row?.disputed ?? 0,
    },
    journeys: Object.fromEntries(byStatus.map((g) => [g.journeyStatus, g._count._all])),
    callsLastHour: row?.calls_last_hour ?? 0,
    readAt: now.toISOString(),
  };
}

/** Campaigns newest first, with enrollment counts. */
export async function listCampaigns(client: Db) {
  const campaigns = await client.campaign.findMany({ orderBy: { createdAt: "desc" }, include: { _count: { select: { enrollments: true } } }, take: 200 });
  return campaigns.map((c) => ({ id: c.id, name: c.name, status: c.status, createdAt: c.createdAt.toISOString(), launchedAt: c.launchedAt?.toISOString() ?? null, enrollments: c._count.enrollments }));
}
