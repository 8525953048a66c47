import { isValidTimeZone, wallTime } from "./local-time";
import type { DebtState, GateInput, LedgerAttempt } from "./types";

/** The candidate zones Intl knows; the calling-hours rule refuses to dial when any is unknown. */
export function knownZones(input: GateInput): string[] {
  return input.person.timeZoneCandidates.filter(isValidTimeZone);
}

/** Outbound calls placed about `debtId` at or before `at`. */
export function outboundAbout(history: readonly LedgerAttempt[], debtId: string, at: Date): LedgerAttempt[] {
  return history.filter((a) => a.direction === "OUTBOUND" && a.placedAt <= at && a.debtIds.includes(debtId));
}

/**
 * A conversation, or an outbound call whose outcome is not recorded yet: it may have been one, and
 * until the ledger says otherwise the gate takes the reading that contacts the consumer less.
 */
export function mayBeConversation(a: LedgerAttempt): boolean {
  return a.conversation || (a.direction === "OUTBOUND" && a.outcome === null);
}

/** Conversations (either direction, or pending outcomes) about `debtId` at or before `at`. */
export function conversationsAbout(history: readonly LedgerAttempt[], debtId: string, at: Date): LedgerAttempt[] {
  return history.filter((a) => mayBeConversation(a) && a.placedAt <= at && a.debtIds.includes(debtId));
}

/**
 * Whether a call at `at` falls in the debt's consent window (Cmt. 14(b)(3)(i)-2): from receipt
 * (day 1) through day 7 in `zone`, cut short by a stated end, a revocation, or the next
 * conversation about the debt. The conversation that ends the window is itself counted (the
 * reading that contacts the consumer less).
 */
export function consentCovers(debt: DebtState, history: readonly LedgerAttempt[], at: Date, zone: string): boolean {
  const consent = debt.consent;
  if (!consent || at < consent.receivedAt) return false;
  if (consent.endsAt && at >= consent.endsAt) return false;
  if (consent.revokedAt && at >= consent.revokedAt) return false;
  if (wallTime(at, zone).day > wallTime(consent.receivedAt, zone).day + 6) return false;
  return !history.some((a) => mayBeConversation(a) && a.debtIds.includes(debt.id) && a.placedAt > consent.receivedAt && a.placedAt <= at);
}

/** Local day numbers of the calls in `zone`, most recent first. */
export function daysDescending(calls: readonly LedgerAttempt[], zone: string): number[] {
  return calls.map((a) => wallTime(a.placedAt, zone).day).sort((x, y) => y - x);
}
