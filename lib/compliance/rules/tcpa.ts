import { DAY_MS } from "../local-time";
import type { Rule } from "../types";

const RESIDENTIAL_LIMIT = 3;
const RESIDENTIAL_WINDOW_MS = 30 * DAY_MS;

/** Prior express consent on file for the number at `at`, and not revoked since. */
export function hasTcpaConsent(phone: { tcpaConsentAt: Date | null; consentRevokedAt: Date | null }, at: Date): boolean {
  if (!phone.tcpaConsentAt || phone.tcpaConsentAt > at) return false;
  return !(phone.consentRevokedAt && phone.consentRevokedAt >= phone.tcpaConsentAt);
}

/**
 * TCPA for AI-voice calls (an artificial voice, FCC 24-17): wireless numbers need prior express
 * consent, and an unknown (or VoIP) line is treated as wireless. A residential line without
 * consent takes at most 3 such calls per 30 days, across all debts and people (FCC 20-186,
 * 22-100); "30 consecutive days" is read as the 30 × 24 h before the call, which covers any
 * 30 calendar days ending today.
 */
export const tcpaRule: Rule = (input, at) => {
  if (!input.policy.artificialVoice) return [];
  const { phone } = input;
  if (hasTcpaConsent(phone, at)) return [];
  // A consent dated after `at` (recorded ahead of time) lifts the block from that instant.
  const laterConsent = phone.tcpaConsentAt && hasTcpaConsent(phone, phone.tcpaConsentAt) ? phone.tcpaConsentAt : undefined;
  if (phone.lineType !== "LANDLINE") {
    return [{
      code: "TCPA_NO_CONSENT",
      rule: "47 U.S.C. 227(b)(1)(A)(iii); 47 CFR 64.1200(a)(1)(iii); FCC 24-17",
      detail: `${phone.lineType} number ${phone.number} has no prior express consent for artificial-voice calls`,
      ...(laterConsent ? { notBefore: laterConsent } : {}),
    }];
  }
  const recent = input.lineHistory
    .map((c) => c.placedAt.getTime())
    .filter((t) => t <= at.getTime() && t > at.getTime() - RESIDENTIAL_WINDOW_MS)
    .sort((x, y) => x - y);
  const leaving = recent[recent.length - RESIDENTIAL_LIMIT];
  if (recent.length < RESIDENTIAL_LIMIT || leaving === undefined) return [];
  return [{
    code: "TCPA_RESIDENTIAL_LIMIT",
    rule: "47 CFR 64.1200(a)(3)(ii)-(v); FCC 20-186; FCC 22-100",
    detail: `${recent.length} artificial-voice calls to residential line ${phone.number} in the last 30 days without consent; at most ${RESIDENTIAL_LIMIT}`,
    notBefore: new Date(Math.min(leaving + RESIDENTIAL_WINDOW_MS, laterConsent?.getTime() ?? Infinity)),
  }];
};
