import { defineEndpoint } from "../endpoint";
import { toPage } from "../pagination";
import { createdBetween, equals, readPage } from "../list-page";
import { CAMPAIGN_FIELDS, presentCampaign } from "../present";
import { AppError } from "../../errors";
import { IdParamsSchema, pageOf } from "../../contracts/api";
import { CampaignListQuerySchema, CampaignSchema, CampaignWithProgressSchema, CreateCampaignInputSchema } from "../../contracts/campaign";
import { createCampaign } from "../../campaigns/create-campaign";
import { launchCampaign } from "../../campaigns/launch-campaign";
import { pauseCampaign } from "../../campaigns/pause-campaign";
import { resumeCampaign } from "../../campaigns/resume-campaign";
import { cancelCampaign } from "../../campaigns/cancel-campaign";
import { campaignProgress } from "../../campaigns/campaign-progress";

export const createCampaignEndpoint = defineEndpoint({
  operationId: "createCampaign", method: "POST", path: "/api/v1/campaigns", scope: "write", tag: "Campaigns", summary: "Create a campaign (DRAFT) with its strategy and segment.",
  body: CreateCampaignInputSchema, response: CampaignSchema, successStatus: 201,
  run: async ({ db, actor, body }) => presentCampaign(await createCampaign(db, body, actor)),
});

export const listCampaignsEndpoint = defineEndpoint({
  operationId: "listCampaigns", method: "GET", path: "/api/v1/campaigns", scope: "read", tag: "Campaigns", summary: "List campaigns; filter by status and creation time.",
  query: CampaignListQuerySchema, response: pageOf(CampaignSchema),
  run: async ({ db, query }) => toPage(await readPage(db, CAMPAIGN_FIELDS, query, [equals(CAMPAIGN_FIELDS, "status", query.status), ...createdBetween(CAMPAIGN_FIELDS, query)]), query, presentCampaign),
});

export const getCampaignEndpoint = defineEndpoint({
  operationId: "getCampaign", method: "GET", path: "/api/v1/campaigns/{id}", scope: "read", tag: "Campaigns", summary: "One campaign with its progress funnel.",
  params: IdParamsSchema, response: CampaignWithProgressSchema,
  run: async ({ db, params }) => {
    const row = await db.campaign.findUnique({ where: { id: params.id }, select: CAMPAIGN_FIELDS.select });
    if (!row) throw new AppError("NOT_FOUND", "No campaign has this id.");
    return { ...presentCampaign(row), progress: await campaignProgress(db, row.id) };
  },
});

const transition = (operationId: string, verb: string, summary: string, act: typeof launchCampaign) =>
  defineEndpoint({
    operationId, method: "POST", path: `/api/v1/campaigns/{id}/${verb}`, scope: "write", tag: "Campaigns", summary,
    params: IdParamsSchema, response: CampaignSchema,
    run: async ({ db, actor, params }) => presentCampaign(await act(db, params.id, actor)),
  });

export const launchCampaignEndpoint = transition("launchCampaign", "launch", "Launch a draft campaign (emits campaign:launched).", launchCampaign);
export const pauseCampaignEndpoint = transition("pauseCampaign", "pause", "Pause a running campaign (emits campaign:paused).", pauseCampaign);
export const resumeCampaignEndpoint = transition("resumeCampaign", "resume", "Resume a paused campaign (emits campaign:resumed).", resumeCampaign);
export const cancelCampaignEndpoint = transition("cancelCampaign", "cancel", "Cancel a campaign for good (emits campaign:cancelled).", cancelCampaign);
