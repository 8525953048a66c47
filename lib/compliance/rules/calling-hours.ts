import { HOUR_MS, MINUTE_MS, instantOfWall, isValidTimeZone, wallTime } from "../local-time";
import type { Rule, RuleFinding } from "../types";

const OPEN_MS = 8 * HOUR_MS;
const CLOSE_MS = 21 * HOUR_MS;
const RULE = "12 CFR 1006.6(b)(1)(i); Cmt. 6(b)(1)(i)-2";

/**
 * 08:00–21:00 local time in EVERY candidate zone (Cmt. 6(b)(1)(i)-2), for the whole call: a dial
 * at `at` must also end, at the longest allowed length, by 21:00 on the same local day. No zone
 * on file (or an unknown one) means no location signal: do not dial.
 */
export const callingHoursRule: Rule = (input, at) => {
  const zones = input.person.timeZoneCandidates;
  if (zones.length === 0) return [{ code: "NO_LOCATION_SIGNAL", rule: RULE, detail: "no candidate time zone on file" }];
  const unknown = zones.filter((zone) => !isValidTimeZone(zone));
  if (unknown.length > 0) return [{ code: "NO_LOCATION_SIGNAL", rule: RULE, detail: `unknown time zone(s): ${unknown.join(", ")}` }];
  const end = new Date(at.getTime() + input.policy.maxCallMinutes * MINUTE_MS);
  const findings: RuleFinding[] = [];
  for (const zone of zones) {
    const start = wallTime(at, zone);
    const finish = wallTime(end, zone);
    if (start.ms >= OPEN_MS && finish.day === start.day && finish.ms <= CLOSE_MS) continue;
    // Before 08:00: today's opening. Otherwise the window is gone for today: tomorrow's opening.
    const notBefore = instantOfWall(start.ms < OPEN_MS ? start.day : start.day + 1, OPEN_MS, zone);
    findings.push({ code: "OUTSIDE_CALLING_HOURS", rule: RULE, detail: `in ${zone} a call of up to ${input.policy.maxCallMinutes} min starting now falls outside 08:00-21:00`, notBefore });
  }
  return findings;
};

/** The instant a call placed at `at` must be over by: 21:00 in the earliest candidate zone. */
export function callMustEndBy(zones: readonly string[], at: Date): Date {
  const ends = zones.map((zone) => instantOfWall(wallTime(at, zone).day, CLOSE_MS, zone).getTime());
  return new Date(Math.min(...ends));
}
