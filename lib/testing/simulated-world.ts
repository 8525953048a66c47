import { startLiveKitSim, type LiveKitSim } from "../../sim/livekit/server";
import { handleLiveKitWebhook } from "../calls/http/livekit-webhook";
import { handleTranscriptPost } from "../calls/http/transcripts";
import type { Db } from "../db";
import { createLiveKitTelephony } from "../integrations/livekit/adapter";
import type { LiveKitConfig } from "../integrations/livekit/config";
import type { Telephony } from "../integrations/livekit/port";
import { createOfflineSummarizer } from "../integrations/llm/offline-summarizer";
import type { CallSummarizer } from "../integrations/llm/port";
import { serveFetchHandlers } from "./fetch-server";

/** The simulated world's fixed identity: the simulator and the app's receivers share it. */
export const SIMULATED_WORLD = {
  apiKey: "sim-world-key",
  apiSecret: "sim-world-secret-that-is-long-enough-0123456789",
  transcriptSecret: "sim-world-transcripts-0123456789",
  sipTrunkId: "ST_sim_world",
  callerId: "+15555550100",
} as const;

/** The adapter's configuration for a simulator at `url` (tests override single fields to provoke refusals). */
export function simulatedLiveKitConfig(url: string, overrides: Partial<LiveKitConfig> = {}): LiveKitConfig {
  return {
    mode: "simulator",
    url,
    apiKey: SIMULATED_WORLD.apiKey,
    apiSecret: SIMULATED_WORLD.apiSecret,
    webhookKey: SIMULATED_WORLD.apiKey,
    sipTrunkId: SIMULATED_WORLD.sipTrunkId,
    callerId: SIMULATED_WORLD.callerId,
    agentName: "recourse-collector",
    ringingTimeoutSeconds: 30,
    maxCallDurationSeconds: 900,
    recordingFilepath: null,
    ...overrides,
  };
}

export interface SimulatedWorldOptions {
  db: Db;
  /** Persona draws of the first simulator. */
  seed?: number;
  /** Time compression of the first simulator (sim/livekit `speed`). */
  speed?: number;
  /** Business time (a virtual clock): transcripts are recorded at it and the workflows read it. */
  now?: () => Date;
  /** The simulator's call world follows `now` too (event times, the conversation's date). */
  simFollowsClock?: boolean;
  recordingFilepath?: string | null;
  /** How often the adapter polls a ringing call. */
  pollIntervalMs?: number;
  maxTranscriptBytes?: number;
}

/** What workflows/deps.ts `setWorkflowDeps` takes (lib/ does not import workflows/). */
export interface SimulatedWorkflowDeps {
  db: Db;
  telephony: Telephony;
  summarizer: CallSummarizer;
  now: () => Date;
  virtualClock: boolean;
}

export interface SimulatedWorld {
  readonly sim: LiveKitSim;
  /** The app's LiveKit webhook and transcript receivers, over real HTTP. */
  readonly appUrl: string;
  readonly telephony: Telephony;
  readonly summarizer: CallSummarizer;
  readonly deps: SimulatedWorkflowDeps;
  /** Another simulator posting to the same receivers (a different speed or seed). */
  startSim(options: { speed: number; seed?: number }): Promise<LiveKitSim>;
  stop(): Promise<void>;
}

/**
 * Everything a call needs on one machine, wired once for the integration tests and the simulation:
 * the app's LiveKit webhook and signed transcript receivers (the handlers app/ routes delegate to)
 * served over HTTP, sim/livekit posting to them, the real livekit-server-sdk adapter pointed at the
 * simulator, and the offline summarizer (no LLM, deterministic).
 */
export async function startSimulatedWorld(options: SimulatedWorldOptions): Promise<SimulatedWorld> {
  const { db, now } = options;
  const app = await serveFetchHandlers({
    "POST /api/webhooks/livekit": (request) => handleLiveKitWebhook(request, { db, keys: { apiKey: SIMULATED_WORLD.apiKey, apiSecret: SIMULATED_WORLD.apiSecret } }),
    "POST /api/calls/transcripts": (request) =>
      handleTranscriptPost(request, { db, secret: SIMULATED_WORLD.transcriptSecret, maxBytes: options.maxTranscriptBytes ?? 256 * 1024, ...(now ? { businessNow: now } : {}) }),
  });
  const sims: LiveKitSim[] = [];
  const startSim = async (sim: { speed: number; seed?: number }) => {
    const started = await startLiveKitSim({
      apiKey: SIMULATED_WORLD.apiKey,
      apiSecret: SIMULATED_WORLD.apiSecret,
      webhookUrl: `${app.url}/api/webhooks/livekit`,
      transcriptUrl: `${app.url}/api/calls/transcripts`,
      transcriptSecret: SIMULATED_WORLD.transcriptSecret,
      sipTrunkIds: [SIMULATED_WORLD.sipTrunkId],
      seed: sim.seed ?? options.seed ?? 1,
      speed: sim.speed,
      ...(now && options.simFollowsClock ? { now: () => now().getTime() } : {}),
    });
    sims.push(started);
    return started;
  };
  const sim = await startSim({ speed: options.speed ?? 1_000 });
  const telephony = createLiveKitTelephony(simulatedLiveKitConfig(sim.url, { recordingFilepath: options.recordingFilepath ?? null }), { pollIntervalMs: options.pollIntervalMs ?? 20 });
  const summarizer = createOfflineSummarizer();
  return {
    sim,
    appUrl: app.url,
    telephony,
    summarizer,
    deps: { db, telephony, summarizer, now: now ?? (() => new Date()), virtualClock: now !== undefined },
    startSim,
    async stop() {
      for (const started of sims) await started.stop();
      await app.close();
    },
  };
}
