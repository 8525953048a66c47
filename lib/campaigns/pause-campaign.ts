import type { Db } from "../db";
import type { Actor } from "../audit/actor";
import type { Campaign } from "../generated/prisma/client";
import { moveCampaign } from "./move-campaign";

/** Pauses a running campaign; its journeys hold before their next dial (status checked in ./status.ts, event through the outbox). */
export function pauseCampaign(db: Db, campaignId: string, actor: Actor): Promise<Campaign> {
  return moveCampaign(db, campaignId, "PAUSED", actor);
}
