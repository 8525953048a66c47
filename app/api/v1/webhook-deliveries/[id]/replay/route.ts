import { serve } from "@/lib/api/serve";
import { replayWebhookDeliveryEndpoint } from "@/lib/api/endpoints/admin";

export const dynamic = "force-dynamic";

/** Contract and behaviour: `replayWebhookDeliveryEndpoint` in lib/api/endpoints/admin.ts. */
export const POST = serve(replayWebhookDeliveryEndpoint);
