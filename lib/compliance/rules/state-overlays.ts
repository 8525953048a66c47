import { startOfDay, wallTime } from "../local-time";
import { daysDescending, knownZones, outboundAbout } from "../ledger-views";
import { overlaysFor } from "../overlays";
import type { Rule, RuleFinding } from "../types";

/**
 * State limits per debt (see overlays.ts), counted over local days in every candidate zone. Every
 * connected call counts (counted = true), across all numbers of the person: the stricter reading.
 */
export const stateOverlaysRule: Rule = (input, at) => {
  const findings: RuleFinding[] = [];
  for (const overlay of overlaysFor(input.person.candidateStates, input.phone.usage)) {
    for (const debt of input.debts) {
      const connected = outboundAbout(input.history, debt.id, at).filter((a) => a.counted);
      for (const zone of knownZones(input)) {
        const today = wallTime(at, zone).day;
        const days = daysDescending(connected, zone);
        const inWindow = days.filter((day) => day > today - overlay.windowDays).length;
        const oldestToLeave = days[overlay.maxCalls - 1];
        if (inWindow < overlay.maxCalls || oldestToLeave === undefined) continue;
        findings.push({
          code: "STATE_OVERLAY_LIMIT",
          rule: overlay.rule,
          detail: `${overlay.state}: ${inWindow} connected calls about debt ${debt.id} in ${overlay.windowDays} local days (${zone}); at most ${overlay.maxCalls} to a ${overlay.phoneUsage} number`,
          notBefore: startOfDay(oldestToLeave + overlay.windowDays, zone),
        });
      }
    }
  }
  return findings;
};
