import type { Db } from "../db";
import type { Actor } from "../audit/actor";
import type { Campaign } from "../generated/prisma/client";
import { moveCampaign } from "./move-campaign";

/** Launches a draft campaign (status checked in ./status.ts, event through the outbox). */
export function launchCampaign(db: Db, campaignId: string, actor: Actor): Promise<Campaign> {
  return moveCampaign(db, campaignId, "RUNNING", actor, "DRAFT");
}
