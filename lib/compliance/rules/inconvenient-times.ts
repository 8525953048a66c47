import { DAY_MS, MINUTE_MS, instantOfWall, isValidTimeZone, wallPosition, wallTime, weekdayOfDay } from "../local-time";
import type { Rule, RuleFinding } from "../types";

const RULE = "12 CFR 1006.6(b)(1); Cmt. 6(b)(1)-1";

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * Times the consumer said are inconvenient are hard blocks until lifted. The whole call (at the
 * longest allowed length) must stay clear of every block, in the block's own zone or, when the
 * consumer named none, in every candidate zone.
 */
export const inconvenientTimesRule: Rule = (input, at) => {
  const findings: RuleFinding[] = [];
  const end = new Date(at.getTime() + input.policy.maxCallMinutes * MINUTE_MS);
  input.person.inconvenientTimes.forEach((block, index) => {
    const lifted = block.liftedAt ? new Date(block.liftedAt) : undefined;
    if (lifted && lifted <= at) return;
    const zones = block.zone && isValidTimeZone(block.zone) ? [block.zone] : input.person.timeZoneCandidates.filter(isValidTimeZone);
    const startMs = minutesOf(block.start) * MINUTE_MS;
    const endMs = minutesOf(block.end) * MINUTE_MS;
    const lengthMs = endMs > startMs ? endMs - startMs : DAY_MS - startMs + endMs;
    for (const zone of zones) {
      const callStart = wallTime(at, zone);
      const callEnd = wallPosition(wallTime(end, zone));
      // A block starting the day before may run past midnight into the call.
      for (let day = callStart.day - 1; day <= callStart.day + 1; day++) {
        if (block.days && !block.days.includes(weekdayOfDay(day))) continue;
        const blockStart = day * DAY_MS + startMs;
        const blockEnd = blockStart + lengthMs;
        if (!(wallPosition(callStart) < blockEnd && callEnd > blockStart)) continue;
        let notBefore = instantOfWall(Math.floor(blockEnd / DAY_MS), blockEnd % DAY_MS, zone);
        if (lifted && lifted < notBefore) notBefore = lifted;
        findings.push({
          code: "INCONVENIENT_TIME",
          rule: RULE,
          detail: `block #${index + 1} ${block.start}-${block.end}${block.note ? ` (${block.note})` : ""} in ${zone}`,
          notBefore,
        });
      }
    }
  });
  return findings;
};
