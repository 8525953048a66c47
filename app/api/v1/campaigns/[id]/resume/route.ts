import { serve } from "@/lib/api/serve";
import { resumeCampaignEndpoint } from "@/lib/api/endpoints/campaigns";

export const dynamic = "force-dynamic";

/** Contract and behaviour: `resumeCampaignEndpoint` in lib/api/endpoints/campaigns.ts. */
export const POST = serve(resumeCampaignEndpoint);
