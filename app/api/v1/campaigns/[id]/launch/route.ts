import { serve } from "@/lib/api/serve";
import { launchCampaignEndpoint } from "@/lib/api/endpoints/campaigns";

export const dynamic = "force-dynamic";

/** Contract and behaviour: `launchCampaignEndpoint` in lib/api/endpoints/campaigns.ts. */
export const POST = serve(launchCampaignEndpoint);
