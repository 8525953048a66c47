import { serve } from "@/lib/api/serve";
import { pauseCampaignEndpoint } from "@/lib/api/endpoints/campaigns";

export const dynamic = "force-dynamic";

/** Contract and behaviour: `pauseCampaignEndpoint` in lib/api/endpoints/campaigns.ts. */
export const POST = serve(pauseCampaignEndpoint);
