import { serve } from "@/lib/api/serve";
import { listComplianceDecisionsEndpoint } from "@/lib/api/endpoints/activity";

export const dynamic = "force-dynamic";

/** Contract and behaviour: `listComplianceDecisionsEndpoint` in lib/api/endpoints/activity.ts. */
export const GET = serve(listComplianceDecisionsEndpoint);
