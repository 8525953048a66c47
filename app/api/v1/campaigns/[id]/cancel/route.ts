import { serve } from "@/lib/api/serve";
import { cancelCampaignEndpoint } from "@/lib/api/endpoints/campaigns";

export const dynamic = "force-dynamic";

/** Contract and behaviour: `cancelCampaignEndpoint` in lib/api/endpoints/campaigns.ts. */
export const POST = serve(cancelCampaignEndpoint);
