import { serve } from "@/lib/api/serve";
import { revokeApiKeyEndpoint } from "@/lib/api/endpoints/admin";

export const dynamic = "force-dynamic";

/** Contract and behaviour: `revokeApiKeyEndpoint` in lib/api/endpoints/admin.ts. */
export const POST = serve(revokeApiKeyEndpoint);
