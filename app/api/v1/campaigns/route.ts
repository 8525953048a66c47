import { serve } from "@/lib/api/serve";
import { createCampaignEndpoint, listCampaignsEndpoint } from "@/lib/api/endpoints/campaigns";

export const dynamic = "force-dynamic";

/** Contract and behaviour: `createCampaignEndpoint` in lib/api/endpoints/campaigns.ts. */
export const POST = serve(createCampaignEndpoint);
/** Contract and behaviour: `listCampaignsEndpoint` in lib/api/endpoints/campaigns.ts. */
export const GET = serve(listCampaignsEndpoint);
