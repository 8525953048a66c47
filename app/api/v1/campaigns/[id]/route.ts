import { serve } from "@/lib/api/serve";
import { getCampaignEndpoint } from "@/lib/api/endpoints/campaigns";

export const dynamic = "force-dynamic";

/** Contract and behaviour: `getCampaignEndpoint` in lib/api/endpoints/campaigns.ts. */
export const GET = serve(getCampaignEndpoint);
