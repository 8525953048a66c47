import { RateLimitDuration } from "@hatchet-dev/typescript-sdk/protoc/v1/workflows";
import { env, type Env } from "../lib/env";

/**
 * The SIP trunk's calls-per-second cap as an engine rate limit on the dial step: dials beyond it
 * stay queued in the engine (not failed, not retried) until the next second's units. The key
 * names the trunk, so deployments sharing a Hatchet tenant but not a trunk do not share a budget.
 * A dynamic key with its limit in the declaration: the engine creates it on first use, so no
 * worker has to register it before the first dial.
 */
export function trunkDialRateLimit(settings: Pick<Env, "LIVEKIT_SIP_TRUNK_ID" | "RECOURSE_TRUNK_DIALS_PER_SECOND"> = env()) {
  const trunk = settings.LIVEKIT_SIP_TRUNK_ID ?? "simulator";
  if (!/^[\w.:-]{1,100}$/.test(trunk)) throw new Error("LIVEKIT_SIP_TRUNK_ID may only hold letters, digits, '_', '.', ':' and '-'");
  return { dynamicKey: `"sip-trunk:${trunk}"`, units: 1, limit: settings.RECOURSE_TRUNK_DIALS_PER_SECOND, duration: RateLimitDuration.SECOND };
}
