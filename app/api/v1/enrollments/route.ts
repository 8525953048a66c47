import { serve } from "@/lib/api/serve";
import { listEnrollmentsEndpoint } from "@/lib/api/endpoints/activity";

export const dynamic = "force-dynamic";

/** Contract and behaviour: `listEnrollmentsEndpoint` in lib/api/endpoints/activity.ts. */
export const GET = serve(listEnrollmentsEndpoint);
