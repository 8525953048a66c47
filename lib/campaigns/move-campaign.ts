import type { Db } from "../db";
import { transaction } from "../db";
import { AppError } from "../errors";
import type { Actor } from "../audit/actor";
import { recordAudit } from "../audit/record-audit";
import { appendOutboxEvent } from "../outbox/append";
import { EVENT, SCOPE } from "../contracts/names";
import { IdSchema } from "../contracts/api";
import type { CampaignEventPayload, CampaignStatus } from "../contracts/campaign";
import type { Campaign } from "../generated/prisma/client";
import { assertCampaignTransition } from "./status";

const EVENT_FOR = { RUNNING: EVENT.campaignLaunched, PAUSED: EVENT.campaignPaused, CANCELLED: EVENT.campaignCancelled } as const;
type Target = "RUNNING" | "PAUSED" | "CANCELLED";

/**
 * Moves a campaign to a new status under a row lock and announces it through the outbox in the same
 * transaction; the integrator's workflows react to the event (this never calls Hatchet).
 * RUNNING from PAUSED is a resume (EVENT.campaignResumed), from DRAFT a launch.
 */
export async function moveCampaign(db: Db, campaignId: string, to: Target, actor: Actor, onlyFrom?: CampaignStatus): Promise<Campaign> {
  const id = IdSchema.parse(campaignId);
  return transaction(db, `campaign-${to.toLowerCase()}`, async (tx) => {
    const locked = await tx.$queryRaw<{ status: CampaignStatus }[]>`SELECT status::text AS status FROM campaigns WHERE id = ${id} FOR UPDATE`;
    const from = locked[0]?.status;
    if (!from) throw new AppError("NOT_FOUND", "No campaign has this id.");
    if (onlyFrom && from !== onlyFrom) throw new AppError("CONFLICT", `Only a ${onlyFrom.toLowerCase()} campaign can do this; this one is ${from.toLowerCase()}.`);
    assertCampaignTransition(from, to);
    const now = new Date();
    const campaign = await tx.campaign.update({
      where: { id },
      data: {
        status: to,
        ...(to === "RUNNING" && from === "DRAFT" ? { launchedAt: now } : {}),
        ...(to === "RUNNING" ? { pausedAt: null } : {}),
        ...(to === "PAUSED" ? { pausedAt: now } : {}),
        ...(to === "CANCELLED" ? { cancelledAt: now } : {}),
      },
    });
    const eventKey = to === "RUNNING" && from === "PAUSED" ? EVENT.campaignResumed : EVENT_FOR[to];
    const payload: CampaignEventPayload = { campaignId: id, status: to, at: now.toISOString() };
    await appendOutboxEvent(tx, {
      aggregateType: "campaign",
      aggregateId: id,
      eventKey,
      scope: SCOPE.campaign(id),
      payload: { ...payload },
      // One event per transition: the row lock makes the (from → to, instant) pair unique.
      idempotencyKey: `${eventKey}:${id}:${now.getTime()}`,
    });
    await recordAudit(tx, actor, `campaign.${eventKey.split(":")[1]}`, { type: "campaign", id }, { from, to });
    return campaign;
  });
}
