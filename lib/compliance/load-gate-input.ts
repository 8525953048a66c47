import type { Tx } from "../db";
import { AppError } from "../errors";
import { AREA_CODES } from "../seed/area-codes";
import { DAY_MS } from "./local-time";
import { InconvenientTimesSchema, type CampaignCaps, type GateInput, type GatePolicy, type InconvenientTime, type LedgerAttempt, type PhoneState } from "./types";

/** The ledger the gate reads: 35 days covers the 30-day windows on any local calendar. */
const LOOKBACK_MS = 35 * DAY_MS;

/** Every minute of every day: what unreadable inconvenient-time data turns into (fail closed). */
const BLOCK_ALL: InconvenientTime = { start: "00:00", end: "00:00", note: "stored inconvenient times are unreadable" };

export interface GateSubject {
  readonly debtorId: string;
  readonly phoneId: string;
  readonly accountIds: readonly string[];
  readonly campaign?: CampaignCaps;
}

/**
 * Reads what the gate needs from the ledger, as plain data: the person, the number, the debts,
 * the person's calls and every outbound call to the number (any person) in the lookback.
 * Call it inside the dial transaction, after the locks, so nothing changes under it.
 */
export async function loadGateInput(tx: Tx, subject: GateSubject, now: Date, policy: GatePolicy): Promise<GateInput> {
  const since = new Date(now.getTime() - LOOKBACK_MS);
  // Plain SQL, four statements: every dial of every journey reads this inside its locks.
  const [person] = await tx.$queryRaw<PersonRow[]>`
    SELECT d.id, d.time_zone_candidates, d.state, d.cease_communication_at, d.refused_to_pay_at, d.stop_calling_at, d.attorney_represented_at,
           d.bankruptcy_at, d.deceased_at, d.do_not_call, d.inconvenient_times,
           p.id AS phone_id, p.debtor_id AS phone_debtor_id, p.number, p.line_type::text AS line_type, p.status::text AS phone_status,
           p.source, p.tcpa_consent_at, p.consent_revoked_at
    FROM debtors d LEFT JOIN phones p ON p.id = ${subject.phoneId}
    WHERE d.id = ${subject.debtorId}`;
  if (!person) throw new AppError("NOT_FOUND", `Debtor ${subject.debtorId} does not exist.`);
  if (!person.phone_id || person.phone_debtor_id !== person.id || person.number === null) {
    throw new AppError("BAD_REQUEST", `Phone ${subject.phoneId} is not a number of debtor ${person.id}.`);
  }
  const debtor = person;
  const phone = { number: person.number, lineType: person.line_type as PhoneState["lineType"], status: person.phone_status as PhoneState["status"], source: person.source, tcpaConsentAt: person.tcpa_consent_at, consentRevokedAt: person.consent_revoked_at };
  const accounts = await tx.$queryRaw<AccountRow[]>`
    SELECT id, debtor_id, status::text AS status, dispute_pending_at, call_consent_received_at, call_consent_ends_at, call_consent_revoked_at
    FROM accounts WHERE id = ANY(${[...subject.accountIds]}::text[])`;
  if (accounts.length !== new Set(subject.accountIds).size || accounts.some((a) => a.debtor_id !== debtor.id)) {
    throw new AppError("BAD_REQUEST", "Every account must exist and belong to the debtor.");
  }
  const attempts = await tx.$queryRaw<AttemptRow[]>`
    SELECT a.id, a.direction::text AS direction, a.placed_at, a.phone_number, a.outcome::text AS outcome, a.counted, a.conversation, a.enrollment_id,
           ARRAY(SELECT account_id FROM call_attempt_debts WHERE attempt_id = a.id ORDER BY account_id) AS debt_ids
    FROM call_attempts a WHERE a.debtor_id = ${debtor.id} AND a.placed_at >= ${since} ORDER BY a.placed_at`;
  const lineAttempts = await tx.$queryRaw<{ placed_at: Date }[]>`
    SELECT placed_at FROM call_attempts WHERE phone_number = ${phone.number} AND direction = 'OUTBOUND' AND placed_at >= ${since}`;
  const inconvenient = InconvenientTimesSchema.safeParse(debtor.inconvenient_times);
  const areaState = AREA_CODES.find((a) => phone.number.startsWith(`+1${a.code}`))?.state;
  // Address state unknown: every overlay applies (empty list). Known: add the number's area-code state.
  const candidateStates = debtor.state ? [...new Set([debtor.state.toUpperCase(), ...(areaState ? [areaState] : [])])] : [];
  return {
    now,
    person: {
      id: debtor.id,
      timeZoneCandidates: debtor.time_zone_candidates,
      candidateStates,
      ceaseCommunicationAt: debtor.cease_communication_at,
      refusedToPayAt: debtor.refused_to_pay_at,
      stopCallingAt: debtor.stop_calling_at,
      attorneyRepresentedAt: debtor.attorney_represented_at,
      bankruptcyAt: debtor.bankruptcy_at,
      deceasedAt: debtor.deceased_at,
      doNotCall: debtor.do_not_call,
      inconvenientTimes: inconvenient.success ? inconvenient.data : [BLOCK_ALL],
    },
    phone: {
      number: phone.number,
      lineType: phone.lineType,
      status: phone.status,
      usage: /work|employ/i.test(phone.source ?? "") ? "work" : "personal",
      tcpaConsentAt: phone.tcpaConsentAt,
      consentRevokedAt: phone.consentRevokedAt,
    },
    debts: accounts.map((a) => ({
      id: a.id,
      status: a.status,
      disputePendingAt: a.dispute_pending_at,
      consent: a.call_consent_received_at ? { receivedAt: a.call_consent_received_at, endsAt: a.call_consent_ends_at, revokedAt: a.call_consent_revoked_at } : null,
    })),
    history: attempts.map((a) => ({
      id: a.id,
      direction: a.direction,
      placedAt: a.placed_at,
      phoneNumber: a.phone_number,
      debtIds: a.debt_ids,
      outcome: a.outcome,
      counted: a.counted,
      conversation: a.conversation,
      enrollmentId: a.enrollment_id,
    })),
    lineHistory: lineAttempts.map((a) => ({ placedAt: a.placed_at })),
    ...(subject.campaign ? { campaign: subject.campaign } : {}),
    policy,
  };
}

interface PersonRow {
  id: string;
  time_zone_candidates: string[];
  state: string | null;
  cease_communication_at: Date | null;
  refused_to_pay_at: Date | null;
  stop_calling_at: Date | null;
  attorney_represented_at: Date | null;
  bankruptcy_at: Date | null;
  deceased_at: Date | null;
  do_not_call: boolean;
  inconvenient_times: unknown;
  phone_id: string | null;
  phone_debtor_id: string | null;
  number: string | null;
  line_type: string | null;
  phone_status: string | null;
  source: string | null;
  tcpa_consent_at: Date | null;
  consent_revoked_at: Date | null;
}

interface AccountRow {
  id: string;
  debtor_id: string;
  status: string;
  dispute_pending_at: Date | null;
  call_consent_received_at: Date | null;
  call_consent_ends_at: Date | null;
  call_consent_revoked_at: Date | null;
}

interface AttemptRow {
  id: string;
  direction: LedgerAttempt["direction"];
  placed_at: Date;
  phone_number: string;
  outcome: LedgerAttempt["outcome"];
  counted: boolean;
  conversation: boolean;
  enrollment_id: string | null;
  debt_ids: string[];
}
