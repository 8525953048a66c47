import { z } from "zod";
import type { CallOutcome } from "../contracts/call-outcome";

/**
 * The compliance gate's input: plain data read from the ledger (no Prisma rows), so the gate is a
 * pure function of (input, instant) and can be tested and replayed without a database.
 */

/** One placed (or inbound) call of the person, from CallAttempt + CallAttemptDebt. */
export interface LedgerAttempt {
  readonly id: string;
  readonly direction: "OUTBOUND" | "INBOUND";
  readonly placedAt: Date;
  readonly phoneNumber: string;
  /** The debts the call was about (Cmt. 14(b)(4)-1); by default every debt it was placed for. */
  readonly debtIds: readonly string[];
  readonly outcome: CallOutcome | null;
  /** Toward the 7 calls (1006.14(b)(2)(i)(A)); true until the outcome says otherwise. */
  readonly counted: boolean;
  /** Starts the 7-day quiet period (1006.14(b)(2)(i)(B)). */
  readonly conversation: boolean;
  readonly enrollmentId: string | null;
}

/** A consent window of Cmt. 14(b)(3)(i)-2, given directly by the consumer. */
export interface CallConsent {
  readonly receivedAt: Date;
  /** End of a shorter period the consumer stated. */
  readonly endsAt: Date | null;
  readonly revokedAt: Date | null;
}

export interface DebtState {
  readonly id: string;
  /** AccountStatus: only ACTIVE debts are collected. */
  readonly status: string;
  readonly disputePendingAt: Date | null;
  readonly consent: CallConsent | null;
}

/** Consumer-declared inconvenient time (Cmt. 6(b)(1)-1): a hard block until lifted. */
export const InconvenientTimeSchema = z.object({
  /** Local `HH:MM`; an end at or before the start means the block runs past midnight. */
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  /** Weekdays of the start, 0 = Sunday; absent = every day. */
  days: z.array(z.number().int().min(0).max(6)).optional(),
  /** The zone the consumer meant; absent = every candidate zone (the stricter reading). */
  zone: z.string().optional(),
  note: z.string().optional(),
  liftedAt: z.iso.datetime({ offset: true }).optional(),
});
export type InconvenientTime = z.infer<typeof InconvenientTimeSchema>;
export const InconvenientTimesSchema = z.array(InconvenientTimeSchema);

export interface PersonState {
  readonly id: string;
  /** Candidate IANA zones (area codes, address, other signals); empty = no location signal. */
  readonly timeZoneCandidates: readonly string[];
  /** Candidate USPS states; empty = unknown, so every state overlay applies. */
  readonly candidateStates: readonly string[];
  readonly ceaseCommunicationAt: Date | null;
  readonly refusedToPayAt: Date | null;
  readonly stopCallingAt: Date | null;
  readonly attorneyRepresentedAt: Date | null;
  readonly bankruptcyAt: Date | null;
  readonly deceasedAt: Date | null;
  readonly doNotCall: boolean;
  readonly inconvenientTimes: readonly InconvenientTime[];
}

export interface PhoneState {
  readonly number: string;
  readonly lineType: "CELL" | "LANDLINE" | "VOIP" | "UNKNOWN";
  readonly status: "ACTIVE" | "BAD_NUMBER" | "WRONG_PARTY" | "STOP_CALLING";
  /** Home, mobile or personal vs a work number (state overlays such as MA's differ). */
  readonly usage: "personal" | "work";
  readonly tcpaConsentAt: Date | null;
  readonly consentRevokedAt: Date | null;
}

export interface CampaignCaps {
  readonly enrollmentId: string;
  /** Attempts for this enrollment over its whole life. */
  readonly maxAttempts?: number;
  /** Attempts for this enrollment per local day. */
  readonly maxAttemptsPerDay?: number;
  /** The campaign's simultaneous calls (Campaign.concurrency), with the count in progress read under the campaign's lock. */
  readonly concurrentCalls?: { readonly limit: number; readonly inProgress: number };
}

/** Tunable guards; the legal limits themselves are not configurable. */
export interface GatePolicy {
  /** Calls are cut at this length, so a dial must leave room to end by 21:00 (1006.6(b)(1)(i)). */
  readonly maxCallMinutes: number;
  /** Minimum gap between two outbound calls to a person (Cmt. 14(b)(2)(i)-2: no bunching). */
  readonly minGapMinutes: number;
  /** Outbound attempts per debt per local day (Cmt. 14(b)(2)(i)-2: 7 in a day is bunching). */
  readonly maxAttemptsPerDebtPerDay: number;
  /** The call uses an artificial (AI) voice: TCPA consent rules apply (FCC 24-17). */
  readonly artificialVoice: boolean;
}

export const DEFAULT_POLICY: GatePolicy = {
  maxCallMinutes: 15,
  minGapMinutes: 30,
  maxAttemptsPerDebtPerDay: 3,
  artificialVoice: true,
};

export interface GateInput {
  readonly now: Date;
  readonly person: PersonState;
  readonly phone: PhoneState;
  /** The debts this call would be about. */
  readonly debts: readonly DebtState[];
  /** The person's calls (both directions, all debts), at least the last 31 days. */
  readonly history: readonly LedgerAttempt[];
  /** Outbound calls to this number, any person and debt, at least the last 30 days (TCPA per line). */
  readonly lineHistory: readonly { readonly placedAt: Date }[];
  readonly campaign?: CampaignCaps;
  readonly policy: GatePolicy;
}

export const DENY_CODES = [
  "NO_DEBTS",
  "ACCOUNT_NOT_ACTIVE",
  "DISPUTE_PENDING",
  "CEASE_COMMUNICATION",
  "REFUSED_TO_PAY",
  "STOP_CALLING",
  "ATTORNEY_REPRESENTED",
  "BANKRUPTCY",
  "DECEASED",
  "DO_NOT_CALL",
  "PHONE_NOT_DIALLABLE",
  "NO_LOCATION_SIGNAL",
  "OUTSIDE_CALLING_HOURS",
  "INCONVENIENT_TIME",
  "SEVEN_IN_SEVEN",
  "QUIET_PERIOD",
  "STATE_OVERLAY_LIMIT",
  "MIN_GAP",
  "DAILY_CAP",
  "TCPA_NO_CONSENT",
  "TCPA_RESIDENTIAL_LIMIT",
  "CAMPAIGN_CAP",
] as const;
export type DenyCode = (typeof DENY_CODES)[number];

export interface DenyReason {
  readonly code: DenyCode;
  /** The rule's citation. */
  readonly rule: string;
  readonly detail: string;
}

/** A rule's finding: `notBefore` is the earliest instant the rule could allow; absent = until data changes. */
export interface RuleFinding extends DenyReason {
  readonly notBefore?: Date;
}

/** A rule: the findings against dialling at `at` (empty = the rule allows it). */
export type Rule = (input: GateInput, at: Date) => RuleFinding[];

export type GateResult =
  | { readonly allow: true; /** The call must be over by then (21:00 in the earliest candidate zone). */ readonly mustEndBy: Date }
  | { readonly allow: false; readonly reasons: readonly DenyReason[]; readonly nextAllowedAt?: Date };
