import { serve } from "@/lib/api/serve";
import { listCallsEndpoint } from "@/lib/api/endpoints/activity";

export const dynamic = "force-dynamic";

/** Contract and behaviour: `listCallsEndpoint` in lib/api/endpoints/activity.ts. */
export const GET = serve(listCallsEndpoint);
