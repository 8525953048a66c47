import { startOfDay, wallTime } from "../local-time";
import { knownZones } from "../ledger-views";
import type { Rule, RuleFinding } from "../types";

const RULE = "campaign strategy";
/** A campaign at its call concurrency looks again this much later (a call ends, a slot frees up). */
export const CONCURRENCY_RECHECK_MS = 2 * 60_000;

/**
 * The campaign's own caps: attempts for the enrollment in total and per local day in every
 * candidate zone, and the campaign's simultaneous calls (a snapshot taken at `now`, so it only
 * holds back dials in the next few minutes).
 */
export const campaignCapsRule: Rule = (input, at) => {
  const caps = input.campaign;
  if (!caps) return [];
  const findings: RuleFinding[] = [];
  const attempts = input.history.filter((a) => a.direction === "OUTBOUND" && a.enrollmentId === caps.enrollmentId && a.placedAt <= at);
  if (caps.maxAttempts !== undefined && attempts.length >= caps.maxAttempts) {
    findings.push({ code: "CAMPAIGN_CAP", rule: RULE, detail: `${attempts.length} attempts made; the campaign allows ${caps.maxAttempts}` });
  }
  if (caps.maxAttemptsPerDay !== undefined) {
    for (const zone of knownZones(input)) {
      const today = wallTime(at, zone).day;
      const count = attempts.filter((a) => wallTime(a.placedAt, zone).day === today).length;
      if (count >= caps.maxAttemptsPerDay) {
        findings.push({ code: "CAMPAIGN_CAP", rule: RULE, detail: `${count} attempts today (${zone}); the campaign allows ${caps.maxAttemptsPerDay} a day`, notBefore: startOfDay(today + 1, zone) });
      }
    }
  }
  const calls = caps.concurrentCalls;
  if (calls && calls.inProgress >= calls.limit && at.getTime() < input.now.getTime() + CONCURRENCY_RECHECK_MS) {
    findings.push({ code: "CAMPAIGN_CAP", rule: RULE, detail: `${calls.inProgress} calls in progress; the campaign allows ${calls.limit} at once`, notBefore: new Date(input.now.getTime() + CONCURRENCY_RECHECK_MS) });
  }
  return findings;
};
