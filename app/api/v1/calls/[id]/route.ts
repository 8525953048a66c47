import { serve } from "@/lib/api/serve";
import { getCallEndpoint } from "@/lib/api/endpoints/activity";

export const dynamic = "force-dynamic";

/** Contract and behaviour: `getCallEndpoint` in lib/api/endpoints/activity.ts. */
export const GET = serve(getCallEndpoint);
