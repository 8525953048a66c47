import type { CallDispatchMetadata } from "../contracts/call-dispatch";
import type { CallEndedPayload } from "../contracts/call-events";
import { EVENT, SCOPE } from "../contracts/names";
import { transaction, type Db } from "../db";
import { AppError } from "../errors";
import type { PlaceCallResult, Telephony } from "../integrations/livekit/port";
import { appendOutboxEvent } from "../outbox/append";
import { recordCallOutcomeIn } from "./record-outcome";

export interface DialOptions {
  readonly script: { readonly id: string; readonly businessName: string; readonly callbackNumber: string };
  readonly now?: () => Date;
  readonly signal?: AbortSignal;
}

export type DialResult = PlaceCallResult | { readonly status: "already_ended"; readonly outcome: string | null };

/**
 * Places the call of an existing CallAttempt row and records what the dial itself tells: the room
 * and answer time, or, for a call that never connected, its outcome and end (with `call:ended` in
 * the same transaction). A retried step finds an ended attempt and dials nothing; one that is
 * still in flight is recognised by the adapter from its room and SIP participant.
 */
export async function dialCallAttempt(db: Db, telephony: Telephony, attemptId: string, options: DialOptions): Promise<DialResult> {
  const now = options.now ?? (() => new Date());
  const attempt = await db.callAttempt.findUnique({
    where: { id: attemptId },
    include: { debtor: true, debts: { include: { account: true } } },
  });
  if (!attempt) throw new AppError("NOT_FOUND", "No call attempt has this id.");
  if (attempt.endedAt) return { status: "already_ended", outcome: attempt.outcome };
  if (attempt.debts.length === 0) throw new AppError("VALIDATION_FAILED", "A call attempt must name the debts it is about (Cmt. 14(b)(4)-1).");

  // 1006.18(e): the full mini-Miranda on the first communication, "from a debt collector" afterwards.
  const earlierConversation = await db.callAttempt.count({ where: { debtorId: attempt.debtorId, conversation: true, id: { not: attempt.id } } });
  const dispatch: CallDispatchMetadata = {
    attemptId: attempt.id,
    account: {
      debtorId: attempt.debtorId,
      firstName: attempt.debtor.firstName,
      lastName: attempt.debtor.lastName,
      postalCode: attempt.debtor.postalCode,
      accounts: attempt.debts.map(({ account }) => ({
        accountId: account.id,
        creditor: account.creditor,
        balanceCents: account.balanceCents,
        currency: account.currency,
        timeBarred: account.timeBarred,
      })),
    },
    script: { ...options.script, language: attempt.debtor.language },
    disclosures: { aiVoice: true, recordingNotice: true, miniMiranda: earlierConversation > 0 ? "subsequent" : "initial" },
  };

  const result = await telephony.placeCall({ attemptId: attempt.id, phoneNumber: attempt.phoneNumber, dispatch, ...(options.signal ? { signal: options.signal } : {}) });
  const at = now();
  if (result.status === "answered") {
    await db.callAttempt.updateMany({
      where: { id: attempt.id, answeredAt: null },
      data: { roomName: result.roomName, sipCallId: result.sipCallId, sipStatus: 200, answeredAt: at },
    });
    return result;
  }
  await transaction(db, "record-unconnected-dial", async (tx) => {
    const open = await tx.callAttempt.updateMany({ where: { id: attempt.id, endedAt: null }, data: { roomName: result.roomName } });
    if (open.count === 0) return;
    // Through the one outcome writer, so its consequence applies (a number not in service is not
    // dialled again, COMPLIANCE.md §9) and the CRM hears of the call, in this transaction.
    await recordCallOutcomeIn(tx, attempt.id, result.outcome, { endedAt: at, ...(result.sipStatus !== null ? { sipStatus: result.sipStatus } : {}), ...(result.sipReason ? { sipResult: result.sipReason } : {}) }, { now: at });
    const payload: CallEndedPayload = { attemptId: attempt.id, roomName: result.roomName, endedAt: at.toISOString(), answeredAt: null, sipStatus: result.sipStatus, outcome: result.outcome, source: "dial" };
    await appendOutboxEvent(tx, { aggregateType: "call_attempt", aggregateId: attempt.id, eventKey: EVENT.callEnded, scope: SCOPE.attempt(attempt.id), payload, idempotencyKey: `call-ended:${attempt.id}` });
  });
  return result;
}
