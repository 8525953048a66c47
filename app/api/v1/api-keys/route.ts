import { serve } from "@/lib/api/serve";
import { createApiKeyEndpoint, listApiKeysEndpoint } from "@/lib/api/endpoints/admin";

export const dynamic = "force-dynamic";

/** Contract and behaviour: `createApiKeyEndpoint` in lib/api/endpoints/admin.ts. */
export const POST = serve(createApiKeyEndpoint);
/** Contract and behaviour: `listApiKeysEndpoint` in lib/api/endpoints/admin.ts. */
export const GET = serve(listApiKeysEndpoint);
