import { MINUTE_MS, startOfDay, wallTime } from "../local-time";
import { knownZones, outboundAbout } from "../ledger-views";
import type { Rule, RuleFinding } from "../types";

const RULE = "Cmt. 14(b)(2)(i)-2 (bunched calls rebut compliance)";

/**
 * No bunching: a minimum gap after the person's last outbound call (any debt, any number), and a
 * cap on attempts per debt per local day in every candidate zone. Attempts here are any placed
 * call, connected or not.
 */
export const spacingRule: Rule = (input, at) => {
  const findings: RuleFinding[] = [];
  const gapMs = input.policy.minGapMinutes * MINUTE_MS;
  const last = input.history.filter((a) => a.direction === "OUTBOUND" && a.placedAt <= at).reduce<Date | undefined>((latest, a) => (!latest || a.placedAt > latest ? a.placedAt : latest), undefined);
  if (last && at.getTime() < last.getTime() + gapMs) {
    findings.push({ code: "MIN_GAP", rule: RULE, detail: `last call at ${last.toISOString()}; at least ${input.policy.minGapMinutes} min between calls`, notBefore: new Date(last.getTime() + gapMs) });
  }
  const cap = input.policy.maxAttemptsPerDebtPerDay;
  for (const debt of input.debts) {
    const attempts = outboundAbout(input.history, debt.id, at);
    for (const zone of knownZones(input)) {
      const today = wallTime(at, zone).day;
      const count = attempts.filter((a) => wallTime(a.placedAt, zone).day === today).length;
      if (count >= cap) {
        findings.push({ code: "DAILY_CAP", rule: RULE, detail: `${count} attempts about debt ${debt.id} today (${zone}); cap ${cap}`, notBefore: startOfDay(today + 1, zone) });
      }
    }
  }
  return findings;
};
