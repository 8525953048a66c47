import type { Env } from "../../env";

/** Everything the LiveKit adapter and the webhook receiver need, resolved for one process. */
export interface LiveKitConfig {
  readonly url: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  /** Key LiveKit signs webhooks with (its `webhook.api_key`); its secret is apiSecret. */
  readonly webhookKey: string;
  readonly sipTrunkId: string;
  readonly callerId: string;
  readonly agentName: string;
  readonly ringingTimeoutSeconds: number;
  readonly maxCallDurationSeconds: number;
  /** Auto-egress file path template, or null to record nothing. */
  readonly recordingFilepath: string | null;
  readonly mode: "simulator" | "external";
}

/** Identity of the embedded simulator: fixed, because it exists only on this machine. */
export const SIMULATOR_DEFAULTS = {
  apiKey: "recourse-sim",
  /** Used only when the supervisor did not generate LIVEKIT_SIM_API_SECRET (tests, `npm run dev:sim`). */
  apiSecret: "recourse-simulator-secret-for-local-use-only",
  sipTrunkId: "ST_recourse_simulator",
  callerId: "+15555550100",
} as const;

/**
 * The real LiveKit when LIVEKIT_URL is set (lib/env.ts then insists on the whole group); otherwise
 * the local simulator on SIM_LIVEKIT_PORT with the supervisor's generated secret.
 */
export function liveKitConfigFromEnv(env: Env): LiveKitConfig {
  const common = {
    agentName: env.LIVEKIT_AGENT_NAME,
    ringingTimeoutSeconds: env.LIVEKIT_RINGING_TIMEOUT_S,
    maxCallDurationSeconds: env.LIVEKIT_MAX_CALL_DURATION_S,
    recordingFilepath: env.LIVEKIT_RECORDING_FILEPATH === "off" ? null : env.LIVEKIT_RECORDING_FILEPATH,
  };
  if (env.modes.livekit === "external" && env.LIVEKIT_URL && env.LIVEKIT_API_KEY && env.LIVEKIT_API_SECRET && env.LIVEKIT_SIP_TRUNK_ID && env.LIVEKIT_CALLER_ID) {
    return {
      ...common,
      mode: "external",
      url: env.LIVEKIT_URL,
      apiKey: env.LIVEKIT_API_KEY,
      apiSecret: env.LIVEKIT_API_SECRET,
      webhookKey: env.LIVEKIT_WEBHOOK_KEY ?? env.LIVEKIT_API_KEY,
      sipTrunkId: env.LIVEKIT_SIP_TRUNK_ID,
      callerId: env.LIVEKIT_CALLER_ID,
    };
  }
  return {
    ...common,
    mode: "simulator",
    url: `http://127.0.0.1:${env.SIM_LIVEKIT_PORT}`,
    apiKey: SIMULATOR_DEFAULTS.apiKey,
    apiSecret: env.LIVEKIT_SIM_API_SECRET ?? SIMULATOR_DEFAULTS.apiSecret,
    webhookKey: SIMULATOR_DEFAULTS.apiKey,
    sipTrunkId: SIMULATOR_DEFAULTS.sipTrunkId,
    callerId: SIMULATOR_DEFAULTS.callerId,
  };
}

/** Secret of the transcript posts: configured, or derived from the simulator's secret when embedded. */
export function transcriptSecretFromEnv(env: Env): string {
  if (env.CALL_TRANSCRIPT_SECRET) return env.CALL_TRANSCRIPT_SECRET;
  // lib/env.ts requires CALL_TRANSCRIPT_SECRET in production; embedded, the app and the simulator
  // share the simulator's generated secret, so nothing more needs configuring.
  return `transcripts:${env.LIVEKIT_SIM_API_SECRET ?? SIMULATOR_DEFAULTS.apiSecret}`;
}
