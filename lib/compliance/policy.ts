import type { Env } from "../env";
import type { GatePolicy } from "./types";

/** The gate's tunable guards from the configuration (AI-voice calls: TCPA consent rules apply). */
export function gatePolicyFrom(env: Pick<Env, "COMPLIANCE_MAX_CALL_MINUTES" | "COMPLIANCE_MIN_GAP_MINUTES" | "COMPLIANCE_MAX_ATTEMPTS_PER_DEBT_PER_DAY">): GatePolicy {
  return {
    maxCallMinutes: env.COMPLIANCE_MAX_CALL_MINUTES,
    minGapMinutes: env.COMPLIANCE_MIN_GAP_MINUTES,
    maxAttemptsPerDebtPerDay: env.COMPLIANCE_MAX_ATTEMPTS_PER_DEBT_PER_DAY,
    artificialVoice: true,
  };
}
