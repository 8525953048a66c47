import { WebhookReceiver, type WebhookEvent } from "livekit-server-sdk";
import type { CallEndedPayload } from "../contracts/call-events";
import { EVENT, SCOPE } from "../contracts/names";
import { transaction, type Db, type Tx } from "../db";
import { AppError } from "../errors";
import { attemptIdFromRoomName, isSipIdentityOf } from "../integrations/livekit/names";
import { appendOutboxEvent } from "../outbox/append";

export interface WebhookKeys {
  /** The key LiveKit signs with (the JWT's issuer) and its secret. */
  readonly apiKey: string;
  readonly apiSecret: string;
}

export interface WebhookRecord {
  readonly event: string;
  readonly attemptId: string;
  /** False for events we do not act on and for redeliveries: nothing was written. */
  readonly changed: boolean;
}

/**
 * Verifies a LiveKit webhook on its raw body (a JWT in Authorization carrying the body's sha256)
 * and records what it says about a call: the dialled party leaving or the room finishing ends the
 * call (endedAt, and `call:ended` in the same transaction); egress_ended stores the recording.
 * Every write is conditional on the field still being empty, so a redelivery changes nothing.
 * An event acted on about an attempt that does not exist is NOT_FOUND; the others are acknowledged.
 */
export async function recordLiveKitWebhook(db: Db, rawBody: string, authorization: string | null, keys: WebhookKeys): Promise<WebhookRecord> {
  const event = await verify(rawBody, authorization, keys);
  const roomName = event.room?.name || event.egressInfo?.roomName || "";
  const attemptId = attemptIdFromRoomName(roomName);
  if (!attemptId) throw new AppError("NOT_FOUND", "The webhook is about a room this system did not create.");
  const at = event.createdAt > 0n ? new Date(Number(event.createdAt) * 1000) : new Date();

  // The attempt is looked up only by the events acted on (a call brings six or so webhooks, half
  // of them room_started and participant_joined): the others are acknowledged and change nothing.
  let changed = false;
  switch (event.event) {
    case "participant_left":
      if (event.participant && isSipIdentityOf(event.participant.identity, attemptId)) {
        const joinedMs = Number(event.participant.joinedAtMs) || Number(event.participant.joinedAt) * 1000;
        changed = await endCall(db, attemptId, roomName, at, "participant_left", joinedMs > 0 ? new Date(joinedMs) : null);
      }
      break;
    case "room_finished":
      changed = await endCall(db, attemptId, roomName, at, "room_finished", null);
      break;
    case "egress_ended": {
      const file = event.egressInfo?.fileResults[0];
      const ref = file?.location || file?.filename;
      // One conditional statement: a redelivery finds the reference set and changes nothing.
      if (ref) changed = (await db.callAttempt.updateMany({ where: { id: attemptId, recordingRef: null }, data: { recordingRef: ref } })).count === 1;
      if (!changed) await assertAttemptExists(db, attemptId);
      break;
    }
    default:
      // room_started, participant_joined, track_* …: nothing to record.
      break;
  }
  return { event: event.event, attemptId, changed };
}

const NO_ATTEMPT = "No call attempt belongs to this room.";

async function assertAttemptExists(db: Db, attemptId: string): Promise<void> {
  if (!(await db.callAttempt.findUnique({ where: { id: attemptId }, select: { id: true } }))) throw new AppError("NOT_FOUND", NO_ATTEMPT);
}

async function verify(rawBody: string, authorization: string | null, keys: WebhookKeys): Promise<WebhookEvent> {
  if (!authorization) throw new AppError("UNAUTHENTICATED", "Missing Authorization header.");
  try {
    return await new WebhookReceiver(keys.apiKey, keys.apiSecret).receive(rawBody, authorization);
  } catch (error) {
    // receive() checks the token and the body's sha256 before it parses: a parse failure means an
    // authentic body that is not a WebhookEvent; anything else is an authentication failure.
    if (error instanceof SyntaxError || (error instanceof Error && error.message.startsWith("cannot decode"))) {
      throw new AppError("BAD_REQUEST", "The webhook body is not a LiveKit WebhookEvent.", { cause: error });
    }
    throw new AppError("UNAUTHENTICATED", "The webhook signature is not valid.", { cause: error });
  }
}

/** Marks the call ended once, and announces it in the same transaction. */
function endCall(db: Db, attemptId: string, roomName: string, endedAt: Date, source: CallEndedPayload["source"], joinedAt: Date | null): Promise<boolean> {
  return transaction(db, `livekit-webhook:${source}`, (tx) => endCallIn(tx, attemptId, roomName, endedAt, source, joinedAt));
}

async function endCallIn(tx: Tx, attemptId: string, roomName: string, endedAt: Date, source: CallEndedPayload["source"], joinedAt: Date | null): Promise<boolean> {
  const current = await tx.callAttempt.findUnique({ where: { id: attemptId }, select: { endedAt: true, answeredAt: true, sipStatus: true, outcome: true } });
  if (!current) throw new AppError("NOT_FOUND", NO_ATTEMPT);
  if (current.endedAt) return false;
  const answeredAt = current.answeredAt ?? joinedAt;
  // The dialled party was in the room: the call was answered (SIP 200). A room that finished
  // without anyone answering and without a recorded dial result is a connection of unknown fate,
  // which COMPLIANCE.md §9 counts conservatively as a carrier error.
  const sipStatus = current.sipStatus ?? (answeredAt ? 200 : null);
  const outcome = current.outcome ?? (answeredAt ? null : "CARRIER_ERROR");
  const updated = await tx.callAttempt.updateMany({
    where: { id: attemptId, endedAt: null },
    // The outcome is written only when this sets it: a transcript committed since the read above
    // may have recorded one (its intake leaves endedAt open), which a stale null must not erase.
    data: { endedAt, answeredAt, sipStatus, roomName, ...(outcome === "CARRIER_ERROR" && !current.outcome ? { outcome, counted: true, conversation: false } : {}) },
  });
  if (updated.count === 0) return false;
  const payload: CallEndedPayload = {
    attemptId,
    roomName,
    endedAt: endedAt.toISOString(),
    answeredAt: answeredAt?.toISOString() ?? null,
    sipStatus,
    outcome,
    source,
  };
  await appendOutboxEvent(tx, { aggregateType: "call_attempt", aggregateId: attemptId, eventKey: EVENT.callEnded, scope: SCOPE.attempt(attemptId), payload, idempotencyKey: `call-ended:${attemptId}` });
  return true;
}
