import { serve } from "@/lib/api/serve";
import { listDisputesEndpoint, openDisputeEndpoint } from "@/lib/api/endpoints/consumer-requests";

export const dynamic = "force-dynamic";

/** Contract and behaviour: `openDisputeEndpoint` in lib/api/endpoints/consumer-requests.ts. */
export const POST = serve(openDisputeEndpoint);
/** Contract and behaviour: `listDisputesEndpoint` in lib/api/endpoints/consumer-requests.ts. */
export const GET = serve(listDisputesEndpoint);
