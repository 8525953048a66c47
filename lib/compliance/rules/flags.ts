import type { DenyCode, Rule, RuleFinding } from "../types";

/** Person-level stops: each holds until the data changes, so none has a next allowed instant. */
const PERSON_FLAGS: readonly { key: "ceaseCommunicationAt" | "refusedToPayAt" | "stopCallingAt" | "attorneyRepresentedAt" | "bankruptcyAt" | "deceasedAt"; code: DenyCode; rule: string; detail: string }[] = [
  { key: "ceaseCommunicationAt", code: "CEASE_COMMUNICATION", rule: "12 CFR 1006.6(c)(1)", detail: "the consumer asked in writing that communication cease" },
  { key: "refusedToPayAt", code: "REFUSED_TO_PAY", rule: "12 CFR 1006.6(c)(1)", detail: "the consumer refused to pay in writing" },
  { key: "stopCallingAt", code: "STOP_CALLING", rule: "12 CFR 1006.14(h)(1); Cmt. 14(h)(1)-3.i", detail: "the consumer asked not to be called" },
  { key: "attorneyRepresentedAt", code: "ATTORNEY_REPRESENTED", rule: "12 CFR 1006.6(b)(2)", detail: "the consumer is represented by an attorney" },
  { key: "bankruptcyAt", code: "BANKRUPTCY", rule: "11 U.S.C. 362(a)(6) (automatic stay)", detail: "the consumer filed for bankruptcy" },
  { key: "deceasedAt", code: "DECEASED", rule: "12 CFR 1006.6(a)(4) (estate: human handling only)", detail: "the consumer is deceased" },
];

/**
 * Cease, refusal, "stop calling", attorney, bankruptcy, deceased and do-not-call flags on the
 * person; a non-dialable number (bad, wrong party, per-number stop: Cmt. 14(h)(1)-2); debts that
 * are not active or have a dispute pending (1006.38(d)(2)).
 */
export const flagsRule: Rule = (input) => {
  const findings: RuleFinding[] = [];
  const { person, phone } = input;
  if (input.debts.length === 0) findings.push({ code: "NO_DEBTS", rule: "12 CFR 1006.14(b)(1)", detail: "a call must be about at least one debt" });
  for (const flag of PERSON_FLAGS) {
    const at = person[flag.key];
    if (at) findings.push({ code: flag.code, rule: flag.rule, detail: `${flag.detail} (${at.toISOString()})` });
  }
  if (person.doNotCall) findings.push({ code: "DO_NOT_CALL", rule: "12 CFR 1006.14(h)(1)", detail: "the person is marked do-not-call" });
  if (phone.status !== "ACTIVE") {
    findings.push({ code: "PHONE_NOT_DIALLABLE", rule: phone.status === "STOP_CALLING" ? "Cmt. 14(h)(1)-2" : "Cmt. 14(b)(2)(i)-3", detail: `number ${phone.number} is ${phone.status}` });
  }
  for (const debt of input.debts) {
    if (debt.status !== "ACTIVE") findings.push({ code: "ACCOUNT_NOT_ACTIVE", rule: "12 CFR 1006.6(c); 1006.38(d)(2)", detail: `debt ${debt.id} is ${debt.status}` });
    if (debt.disputePendingAt) findings.push({ code: "DISPUTE_PENDING", rule: "12 CFR 1006.38(d)(2)", detail: `debt ${debt.id} has a dispute pending since ${debt.disputePendingAt.toISOString()}` });
  }
  return findings;
};
