import { startOfDay, wallTime } from "../local-time";
import { consentCovers, conversationsAbout, daysDescending, knownZones, outboundAbout } from "../ledger-views";
import type { Rule, RuleFinding } from "../types";

const LIMIT = 7;
const WINDOW_DAYS = 7;

/**
 * 12 CFR 1006.14(b)(2)(i), per (person, debt) and in every candidate zone's local days:
 * (A) fewer than 7 counted calls in days D-6..D before dialling on day D;
 * (B) a conversation on day C (day 1) blocks calls until day C+7; so does a call whose outcome
 *     is not recorded yet (it may have been a conversation) until the outcome arrives.
 * A call inside a consent window is excluded from both, (b)(3)(i); calls placed in a window are
 * not counted. Not-connected calls carry counted = false (b)(3)(ii).
 */
export const callFrequencyRule: Rule = (input, at) => {
  const findings: RuleFinding[] = [];
  for (const debt of input.debts) {
    for (const zone of knownZones(input)) {
      if (consentCovers(debt, input.history, at, zone)) continue;
      // A consent received later would lift both limits from its receipt.
      const laterConsent = debt.consent && debt.consent.receivedAt > at ? debt.consent.receivedAt : undefined;
      const earliest = (d: Date) => (laterConsent && laterConsent < d ? laterConsent : d);
      const today = wallTime(at, zone).day;

      const counted = outboundAbout(input.history, debt.id, at).filter((a) => a.counted && !consentCovers(debt, input.history, a.placedAt, zone));
      const days = daysDescending(counted, zone);
      const inWindow = days.filter((day) => day > today - WINDOW_DAYS).length;
      const seventh = days[LIMIT - 1];
      if (inWindow >= LIMIT && seventh !== undefined) {
        findings.push({
          code: "SEVEN_IN_SEVEN",
          rule: "12 CFR 1006.14(b)(2)(i)(A)",
          detail: `${inWindow} counted calls about debt ${debt.id} in the 7 local days ending today (${zone})`,
          notBefore: earliest(startOfDay(seventh + WINDOW_DAYS, zone)),
        });
      }

      const lastConversation = daysDescending(conversationsAbout(input.history, debt.id, at), zone)[0];
      if (lastConversation !== undefined && today < lastConversation + WINDOW_DAYS) {
        findings.push({
          code: "QUIET_PERIOD",
          rule: "12 CFR 1006.14(b)(2)(i)(B); Cmt. 14(b)(2)(ii)-1.ii",
          detail: `conversation (or call with its outcome pending) about debt ${debt.id} on ${wallTime(startOfDay(lastConversation, zone), zone).date} (${zone}): no call before day 8`,
          notBefore: earliest(startOfDay(lastConversation + WINDOW_DAYS, zone)),
        });
      }
    }
  }
  return findings;
};
