import type { Db } from "../db";
import type { Actor } from "../audit/actor";
import type { Campaign } from "../generated/prisma/client";
import { moveCampaign } from "./move-campaign";

/** Cancels a campaign for good; its journeys end (status checked in ./status.ts, event through the outbox). */
export function cancelCampaign(db: Db, campaignId: string, actor: Actor): Promise<Campaign> {
  return moveCampaign(db, campaignId, "CANCELLED", actor);
}
