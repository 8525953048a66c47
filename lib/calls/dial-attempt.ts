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
  const attempt = await loadDialAttempt(db, attemptId);
  if (!attempt) throw new AppError("NOT_FOUND", "No call attempt has this id.");
  if (attempt.endedAt) return { status: "already_ended", outcome: attempt.outcome };
  if (attempt.accounts.length === 0) throw new AppError("VALIDATION_FAILED", "A call attempt must name the debts it is about (Cmt. 14(b)(4)-1).");

  const dispatch: CallDispatchMetadata = {
    attemptId: attempt.id,
    account: {
      debtorId: attempt.debtorId,
      firstName: attempt.firstName,
      lastName: attempt.lastName,
      postalCode: attempt.postalCode,
      accounts: attempt.accounts,
    },
    script: { ...options.script, language: attempt.language },
    // 1006.18(e): the full mini-Miranda on the first communication, "from a debt collector" afterwards.
    disclosures: { aiVoice: true, recordingNotice: true, miniMiranda: attempt.earlierConversations > 0 ? "subsequent" : "initial" },
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

interface DialAttemptRow {
  id: string;
  endedAt: Date | null;
  outcome: string | null;
  debtorId: string;
  phoneNumber: string;
  firstName: string;
  lastName: string;
  postalCode: string | null;
  language: string;
  /** The person's calls with a conversation, other than this one. */
  earlierConversations: number;
  accounts: CallDispatchMetadata["account"]["accounts"];
}

/**
 * The attempt, its person, the debts it is about and whether the person was spoken to before, in
 * one statement: every dial reads it (through Prisma's relation loading it took five queries).
 */
async function loadDialAttempt(db: Db, attemptId: string): Promise<DialAttemptRow | undefined> {
  const [row] = await db.$queryRaw<DialAttemptRow[]>`
    SELECT a.id, a.ended_at AS "endedAt", a.outcome::text AS outcome, a.debtor_id AS "debtorId", a.phone_number AS "phoneNumber",
           d.first_name AS "firstName", d.last_name AS "lastName", d.postal_code AS "postalCode", d.language,
           (SELECT count(*)::int FROM call_attempts c WHERE c.debtor_id = a.debtor_id AND c.conversation AND c.id <> a.id) AS "earlierConversations",
           COALESCE((SELECT json_agg(json_build_object('accountId', ac.id, 'creditor', ac.creditor, 'balanceCents', ac.balance_cents,
                                                       'currency', ac.currency, 'timeBarred', ac.time_barred) ORDER BY ac.id)
                     FROM call_attempt_debts cd JOIN accounts ac ON ac.id = cd.account_id WHERE cd.attempt_id = a.id), '[]'::json) AS accounts
    FROM call_attempts a JOIN debtors d ON d.id = a.debtor_id
    WHERE a.id = ${attemptId}`;
  return row;
}
