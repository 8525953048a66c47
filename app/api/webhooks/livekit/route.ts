import { handleLiveKitWebhook } from "@/lib/calls/http/livekit-webhook";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { liveKitConfigFromEnv } from "@/lib/integrations/livekit/config";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** LiveKit webhooks (room, participant, egress events), verified on the raw body. */
export async function POST(request: Request): Promise<Response> {
  const config = liveKitConfigFromEnv(env());
  return handleLiveKitWebhook(request, { db: db(), keys: { apiKey: config.webhookKey, apiSecret: config.apiSecret } });
}
