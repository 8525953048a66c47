import { serve } from "@/lib/api/serve";
import { listPromisesEndpoint, recordPromiseEndpoint } from "@/lib/api/endpoints/consumer-requests";

export const dynamic = "force-dynamic";

/** Contract and behaviour: `recordPromiseEndpoint` in lib/api/endpoints/consumer-requests.ts. */
export const POST = serve(recordPromiseEndpoint);
/** Contract and behaviour: `listPromisesEndpoint` in lib/api/endpoints/consumer-requests.ts. */
export const GET = serve(listPromisesEndpoint);
