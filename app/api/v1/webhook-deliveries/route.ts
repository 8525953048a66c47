import { serve } from "@/lib/api/serve";
import { listWebhookDeliveriesEndpoint } from "@/lib/api/endpoints/admin";

export const dynamic = "force-dynamic";

/** Contract and behaviour: `listWebhookDeliveriesEndpoint` in lib/api/endpoints/admin.ts. */
export const GET = serve(listWebhookDeliveriesEndpoint);
