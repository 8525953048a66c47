import type { Db } from "../db";
import { transaction } from "../db";
import type { Actor } from "../audit/actor";
import { recordAudit } from "../audit/record-audit";
import { CreateCampaignInputSchema } from "../contracts/campaign";
import type { Campaign } from "../generated/prisma/client";

/** Creates a campaign in DRAFT: nothing runs until it is launched. */
export async function createCampaign(db: Db, input: unknown, actor: Actor): Promise<Campaign> {
  const data = CreateCampaignInputSchema.parse(input);
  return transaction(db, "create-campaign", async (tx) => {
    const campaign = await tx.campaign.create({
      data: {
        name: data.name,
        strategy: data.strategy,
        segment: data.segment,
        concurrency: data.concurrency,
        callerId: data.callerId ?? null,
        createdById: actor.type === "OPERATOR" ? actor.id : null,
      },
    });
    await recordAudit(tx, actor, "campaign.create", { type: "campaign", id: campaign.id }, { name: data.name });
    return campaign;
  });
}
