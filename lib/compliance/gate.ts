import { DAY_MS, MINUTE_MS } from "./local-time";
import { callFrequencyRule } from "./rules/call-frequency";
import { callingHoursRule, callMustEndBy } from "./rules/calling-hours";
import { campaignCapsRule } from "./rules/campaign-caps";
import { flagsRule } from "./rules/flags";
import { inconvenientTimesRule } from "./rules/inconvenient-times";
import { spacingRule } from "./rules/spacing";
import { stateOverlaysRule } from "./rules/state-overlays";
import { tcpaRule } from "./rules/tcpa";
import type { GateInput, GateResult, Rule, RuleFinding } from "./types";

/** Permanent stops first, so a denial lists the reason that matters most at the top. */
const RULES: readonly Rule[] = [flagsRule, tcpaRule, callingHoursRule, inconvenientTimesRule, callFrequencyRule, stateOverlaysRule, spacingRule, campaignCapsRule];

/** How far ahead the next allowed instant is searched; beyond it the denial carries none. */
const HORIZON_MS = 400 * DAY_MS;

function findingsAt(input: GateInput, at: Date): RuleFinding[] {
  return RULES.flatMap((rule) => rule(input, at));
}

/**
 * The pre-dial compliance gate (../shared/COMPLIANCE.md): may this person be called on this
 * number about these debts at `input.now`? Pure: the same input gives the same answer.
 *
 * A denial carries every reason and, unless one of them holds until the data changes, the next
 * allowed instant: each rule reports the earliest instant it could allow (a lower bound), the
 * search jumps to the latest of those and re-evaluates every rule there, until all allow. The
 * ledger is taken as it is: calls placed in between would move the answer.
 */
export function evaluateDialGate(input: GateInput): GateResult {
  const findings = findingsAt(input, input.now);
  const zones = input.person.timeZoneCandidates;
  if (findings.length === 0) return { allow: true, mustEndBy: callMustEndBy(zones, input.now) };
  const reasons = findings.map(({ code, rule, detail }) => ({ code, rule, detail }));
  const nextAllowedAt = nextAllowedInstant(input, findings);
  return nextAllowedAt ? { allow: false, reasons, nextAllowedAt } : { allow: false, reasons };
}

function nextAllowedInstant(input: GateInput, first: RuleFinding[]): Date | undefined {
  const horizon = input.now.getTime() + HORIZON_MS;
  let at = input.now.getTime();
  let findings = first;
  while (findings.length > 0) {
    if (findings.some((f) => !f.notBefore)) return undefined;
    // A rule must move time forward; a minute is the floor should one ever fail to.
    const next = Math.max(...findings.map((f) => f.notBefore?.getTime() ?? 0), at + 1);
    at = next > at ? next : at + MINUTE_MS;
    if (at > horizon) return undefined;
    findings = findingsAt(input, new Date(at));
  }
  return new Date(at);
}
