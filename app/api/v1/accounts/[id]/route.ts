import { serve } from "@/lib/api/serve";
import { getAccountEndpoint } from "@/lib/api/endpoints/accounts";

export const dynamic = "force-dynamic";

/** Contract and behaviour: `getAccountEndpoint` in lib/api/endpoints/accounts.ts. */
export const GET = serve(getAccountEndpoint);
