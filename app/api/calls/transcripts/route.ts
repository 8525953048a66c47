import { handleTranscriptPost } from "@/lib/calls/http/transcripts";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { transcriptSecretFromEnv } from "@/lib/integrations/livekit/config";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** The voice agent's transcript and disposition of a call, HMAC-signed over the raw body. */
export async function POST(request: Request): Promise<Response> {
  const config = env();
  return handleTranscriptPost(request, { db: db(), secret: transcriptSecretFromEnv(config), maxBytes: config.CALL_TRANSCRIPT_MAX_BYTES });
}
