import { DEFAULT_POLICY, type DebtState, type GateInput, type LedgerAttempt, type PersonState, type PhoneState } from "../compliance/types";

/** Builders of compliance-gate inputs for unit tests: sensible, dialable defaults, overridden per case. */

export function person(overrides: Partial<PersonState> = {}): PersonState {
  return {
    id: "person-1",
    timeZoneCandidates: ["America/New_York"],
    candidateStates: ["NY"],
    ceaseCommunicationAt: null,
    refusedToPayAt: null,
    stopCallingAt: null,
    attorneyRepresentedAt: null,
    bankruptcyAt: null,
    deceasedAt: null,
    doNotCall: false,
    inconvenientTimes: [],
    ...overrides,
  };
}

export function phone(overrides: Partial<PhoneState> = {}): PhoneState {
  return { number: "+12125550100", lineType: "CELL", status: "ACTIVE", usage: "personal", tcpaConsentAt: new Date("2020-01-01T00:00:00Z"), consentRevokedAt: null, ...overrides };
}

export function debt(id = "debt-1", overrides: Partial<DebtState> = {}): DebtState {
  return { id, status: "ACTIVE", disputePendingAt: null, consent: null, ...overrides };
}

let sequence = 0;

/** An outbound, counted, unanswered call about `debtIds` at an instant. */
export function call(placedAt: string | Date, overrides: Partial<LedgerAttempt> = {}): LedgerAttempt {
  sequence += 1;
  return {
    id: `attempt-${sequence}`,
    direction: "OUTBOUND",
    placedAt: new Date(placedAt),
    phoneNumber: "+12125550100",
    debtIds: ["debt-1"],
    outcome: "NO_ANSWER",
    counted: true,
    conversation: false,
    enrollmentId: null,
    ...overrides,
  };
}

/** A conversation (right-party contact) about `debtIds`. */
export function conversation(placedAt: string | Date, overrides: Partial<LedgerAttempt> = {}): LedgerAttempt {
  return call(placedAt, { outcome: "RIGHT_PARTY_CONTACT", conversation: true, ...overrides });
}

export function gateInput(overrides: Partial<Omit<GateInput, "now">> & { now: Date | string }): GateInput {
  const { now, ...rest } = overrides;
  return {
    person: person(),
    phone: phone(),
    debts: [debt()],
    history: [],
    lineHistory: [],
    policy: DEFAULT_POLICY,
    ...rest,
    now: new Date(now),
  };
}
