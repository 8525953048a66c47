import type { Env } from "../env";
import { liveKitConfigFromEnv } from "../integrations/livekit/config";

/** connected: the real service answered; simulated: a local stand-in is in use; offline: nothing answered, or it refused us. */
export type IntegrationState = "connected" | "simulated" | "offline";

export interface IntegrationStatus {
  name: "LiveKit" | "LLM";
  state: IntegrationState;
  /** What is configured and what to do about it; never a key or secret. */
  detail: string;
  /** Scheme, host and port only: credentials, paths and queries are dropped. */
  target: string | null;
}

const PROBE_TIMEOUT_MS = 2_000;

function origin(url: string): string {
  const u = new URL(url.replace(/^ws(s?):/, "http$1:"));
  return `${u.protocol}//${u.host}`;
}

/** One cheap HTTP request; any HTTP answer means the server is up. Null when nothing answered in time. */
async function probe(url: string, fetchImpl: typeof fetch, headers: Record<string, string> = {}): Promise<number | null> {
  try {
    const response = await fetchImpl(url, { method: "GET", headers, redirect: "manual", signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await response.body?.cancel();
    return response.status;
  } catch {
    return null;
  }
}

async function liveKitStatus(config: Env, fetchImpl: typeof fetch): Promise<IntegrationStatus> {
  const livekit = liveKitConfigFromEnv(config);
  const target = origin(livekit.url);
  // livekit-server answers GET / with "OK"; the simulator with a Twirp error: both are up.
  const status = await probe(`${target}/`, fetchImpl);
  if (livekit.mode === "simulator") {
    return status === null
      ? { name: "LiveKit", state: "offline", target, detail: "The local call simulator is not answering: calls cannot be placed. Restart with `npm start` (or run `npm run dev:sim`)." }
      : { name: "LiveKit", state: "simulated", target, detail: "Calls go to the local call simulator with seeded debtor personas. Set the LIVEKIT_* variables to place real calls." };
  }
  return status === null
    ? { name: "LiveKit", state: "offline", target, detail: "LIVEKIT_URL does not answer: check the server, the network and the URL." }
    : { name: "LiveKit", state: "connected", target, detail: `LiveKit answered (HTTP ${status}); outbound SIP trunk ${livekit.sipTrunkId}.` };
}

async function llmStatus(config: Env, fetchImpl: typeof fetch): Promise<IntegrationStatus> {
  if (config.modes.llm === "offline-rules" || !config.OPENAI_API_KEY) {
    return { name: "LLM", state: "simulated", target: null, detail: "No OPENAI_API_KEY: call summaries come from the offline rules. Set OPENAI_API_KEY (and OPENAI_BASE_URL for a compatible server) to use an LLM." };
  }
  const base = (config.OPENAI_BASE_URL ?? "https://api.openai.com/v1").replace(/\/+$/, "");
  const target = origin(base);
  const local = new URL(target);
  const isStandIn = ["127.0.0.1", "localhost"].includes(local.hostname) && Number(local.port) === config.SIM_OPENAI_PORT;
  // GET /models costs no tokens; a server without it still proves it is up.
  const status = await probe(`${base}/models`, fetchImpl, { authorization: `Bearer ${config.OPENAI_API_KEY}` });
  if (status === null) return { name: "LLM", state: "offline", target, detail: `${config.OPENAI_MODEL} at ${target} does not answer: summaries fail and their steps retry. Check OPENAI_BASE_URL and the network.` };
  if (status === 401 || status === 403) return { name: "LLM", state: "offline", target, detail: `The server refused OPENAI_API_KEY (HTTP ${status}): replace the key.` };
  if (isStandIn) return { name: "LLM", state: "simulated", target, detail: `The local OpenAI stand-in answers as ${config.OPENAI_MODEL}, with the offline rules.` };
  return { name: "LLM", state: "connected", target, detail: `Summaries use ${config.OPENAI_MODEL}; the server answered (HTTP ${status}).` };
}

/** The LiveKit and LLM states shown on the Settings page, probed in parallel (at most ~2 s). */
export async function integrationStatus(config: Env, options: { fetchImpl?: typeof fetch } = {}): Promise<IntegrationStatus[]> {
  const fetchImpl = options.fetchImpl ?? fetch;
  return Promise.all([liveKitStatus(config, fetchImpl), llmStatus(config, fetchImpl)]);
}
