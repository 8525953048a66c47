import type { Tx } from "../db";
import { AppError } from "../errors";
import { AREA_CODES } from "../seed/area-codes";
import { DAY_MS } from "./local-time";
import { InconvenientTimesSchema, type CampaignCaps, type GateInput, type GatePolicy, type InconvenientTime } from "./types";

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
  const debtor = await tx.debtor.findUnique({ where: { id: subject.debtorId } });
  if (!debtor) throw new AppError("NOT_FOUND", `Debtor ${subject.debtorId} does not exist.`);
  const phone = await tx.phone.findUnique({ where: { id: subject.phoneId } });
  if (!phone || phone.debtorId !== debtor.id) throw new AppError("BAD_REQUEST", `Phone ${subject.phoneId} is not a number of debtor ${debtor.id}.`);
  const accounts = await tx.account.findMany({ where: { id: { in: [...subject.accountIds] } } });
  if (accounts.length !== new Set(subject.accountIds).size || accounts.some((a) => a.debtorId !== debtor.id)) {
    throw new AppError("BAD_REQUEST", "Every account must exist and belong to the debtor.");
  }
  const attempts = await tx.callAttempt.findMany({
    where: { debtorId: debtor.id, placedAt: { gte: since } },
    include: { debts: { select: { accountId: true } } },
    orderBy: { placedAt: "asc" },
  });
  const lineAttempts = await tx.callAttempt.findMany({ where: { phoneNumber: phone.number, direction: "OUTBOUND", placedAt: { gte: since } }, select: { placedAt: true } });
  const inconvenient = InconvenientTimesSchema.safeParse(debtor.inconvenientTimes);
  const areaState = AREA_CODES.find((a) => phone.number.startsWith(`+1${a.code}`))?.state;
  // Address state unknown: every overlay applies (empty list). Known: add the number's area-code state.
  const candidateStates = debtor.state ? [...new Set([debtor.state.toUpperCase(), ...(areaState ? [areaState] : [])])] : [];
  return {
    now,
    person: {
      id: debtor.id,
      timeZoneCandidates: debtor.timeZoneCandidates,
      candidateStates,
      ceaseCommunicationAt: debtor.ceaseCommunicationAt,
      refusedToPayAt: debtor.refusedToPayAt,
      stopCallingAt: debtor.stopCallingAt,
      attorneyRepresentedAt: debtor.attorneyRepresentedAt,
      bankruptcyAt: debtor.bankruptcyAt,
      deceasedAt: debtor.deceasedAt,
      doNotCall: debtor.doNotCall,
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
      disputePendingAt: a.disputePendingAt,
      consent: a.callConsentReceivedAt ? { receivedAt: a.callConsentReceivedAt, endsAt: a.callConsentEndsAt, revokedAt: a.callConsentRevokedAt } : null,
    })),
    history: attempts.map((a) => ({
      id: a.id,
      direction: a.direction,
      placedAt: a.placedAt,
      phoneNumber: a.phoneNumber,
      debtIds: a.debts.map((d) => d.accountId),
      outcome: a.outcome,
      counted: a.counted,
      conversation: a.conversation,
      enrollmentId: a.enrollmentId,
    })),
    lineHistory: lineAttempts,
    ...(subject.campaign ? { campaign: subject.campaign } : {}),
    policy,
  };
}
