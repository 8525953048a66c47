import type { Db } from "../db";
import { transaction } from "../db";
import type { Actor } from "../audit/actor";
import { recordAudit } from "../audit/record-audit";
import { CreateCampaignInputSchema } from "../contracts/campaign";
import type { Campaign } from "../generated/prisma/client";
import { readCallingHours } from "../settings/read-calling-hours";

/**
 * Creates a campaign in DRAFT: nothing runs until it is launched. A strategy without a calling
 * window gets the console's calling-hours default as it stands now, stored in the campaign, so a
 * later change of the setting never moves a campaign's hours.
 */
export async function createCampaign(db: Db, input: unknown, actor: Actor): Promise<Campaign> {
  const data = CreateCampaignInputSchema.parse(input);
  return transaction(db, "create-campaign", async (tx) => {
    const callingWindow = data.strategy.callingWindow ?? (await readCallingHours(tx)).window;
    const campaign = await tx.campaign.create({
      data: {
        name: data.name,
        strategy: { ...data.strategy, callingWindow },
        segment: data.segment,
        concurrency: data.concurrency,
        callerId: data.callerId ?? null,
        createdById: actor.type === "OPERATOR" ? actor.id : null,
      },
    });
    await recordAudit(tx, actor, "campaign.create", { type: "campaign", id: campaign.id }, { name: data.name, callingWindow: data.strategy.callingWindow ? "given" : "settings default" });
    return campaign;
  });
}
