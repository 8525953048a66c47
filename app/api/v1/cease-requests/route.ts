import { serve } from "@/lib/api/serve";
import { requestCeaseEndpoint } from "@/lib/api/endpoints/consumer-requests";

export const dynamic = "force-dynamic";

/** Contract and behaviour: `requestCeaseEndpoint` in lib/api/endpoints/consumer-requests.ts. */
export const POST = serve(requestCeaseEndpoint);
