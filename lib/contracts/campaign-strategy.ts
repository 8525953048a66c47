import { z } from "zod";

/**
 * How a campaign works its accounts (Campaign.strategy). Defaults are a cautious cadence well inside
 * the rules (the compliance gate still decides every dial): the journey reads it through this schema.
 */
const JourneyStrategySchema = z.object({
  /** Placed calls per enrollment before it is handed to a human. */
  maxAttempts: z.number().int().min(1).max(50).default(6),
  /** Wait after a call that reached no one (no answer, voicemail, carrier error). */
  retryDelayHours: z.number().min(0.25).max(720).default(24),
  /** Wait after a busy signal: the line was in use, so sooner is fine. */
  busyRetryMinutes: z.number().int().min(5).max(1_440).default(90),
  /** Days after a promise's due date before it counts as broken. */
  promiseGraceDays: z.number().int().min(0).max(30).default(3),
  /** Calls per enrollment per day (the gate's spacing rules still apply on top). */
  maxAttemptsPerDay: z.number().int().min(1).max(7).default(2),
  /** The agent's script and what it says about who is calling (1006.18(c)(4), 47 CFR 64.1200(b)). */
  scriptId: z.string().min(1).max(100).default("standard-v1"),
  businessName: z.string().min(1).max(200).default("Recourse Recovery Services"),
  callbackNumber: z.string().regex(/^\+[1-9]\d{7,14}$/).default("+15550100000"),
});
/**
 * Read from a campaign's stored strategy: the API's shape (lib/contracts/campaign.ts: `cadence`,
 * `agentScriptId`, …) is mapped onto these fields; keys the journey does not use are ignored.
 */
export const CampaignStrategySchema = z.preprocess((raw) => {
  if (raw === null || typeof raw !== "object") return raw;
  const value = raw as Record<string, unknown> & { cadence?: { hoursBetweenAttempts?: unknown }; agentScriptId?: unknown };
  return {
    ...value,
    ...(value.retryDelayHours === undefined && typeof value.cadence?.hoursBetweenAttempts === "number" ? { retryDelayHours: value.cadence.hoursBetweenAttempts } : {}),
    ...(value.scriptId === undefined && typeof value.agentScriptId === "string" ? { scriptId: value.agentScriptId } : {}),
  };
}, JourneyStrategySchema);
export type CampaignStrategy = z.infer<typeof JourneyStrategySchema>;
