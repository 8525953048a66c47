import { serve } from "@/lib/api/serve";
import { createWebhookEndpointEndpoint } from "@/lib/api/endpoints/admin";

export const dynamic = "force-dynamic";

/** Contract and behaviour: `createWebhookEndpointEndpoint` in lib/api/endpoints/admin.ts. */
export const POST = serve(createWebhookEndpointEndpoint);
