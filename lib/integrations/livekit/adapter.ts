import {
  AgentDispatchClient,
  EncodedFileOutput,
  RoomCompositeEgressRequest,
  RoomEgress,
  RoomServiceClient,
  ServerError,
  SipCallError,
  SipClient,
  type ParticipantInfo,
} from "livekit-server-sdk";
import { AppError } from "../../errors";
import type { LiveKitConfig } from "./config";
import { roomNameForAttempt, sipIdentityForAttempt } from "./names";
import type { PlaceCallRequest, PlaceCallResult, Telephony } from "./port";
import { readSipFailure } from "./sip-outcome";

/** LiveKit's SIP participant attribute with the call's progress: dialing | ringing | active | hangup. */
const CALL_STATUS = "sip.callStatus";
/** An empty room (the dial failed, the agent left) closes itself after this many seconds. */
const EMPTY_TIMEOUT_S = 60;

/**
 * Telephony over LiveKit with livekit-server-sdk: a room per attempt, an explicit agent dispatch,
 * then an outbound SIP participant that dials and waits until answered. A retried step first looks
 * for the room and the SIP participant of its attempt and reuses them, so it never dials twice.
 */
export function createLiveKitTelephony(config: LiveKitConfig, options: { pollIntervalMs?: number } = {}): Telephony {
  const rooms = new RoomServiceClient(config.url, config.apiKey, config.apiSecret);
  const agents = new AgentDispatchClient(config.url, config.apiKey, config.apiSecret);
  const sip = new SipClient(config.url, config.apiKey, config.apiSecret);
  const pollIntervalMs = options.pollIntervalMs ?? 500;

  async function findSipParticipant(roomName: string, identity: string): Promise<ParticipantInfo | undefined> {
    const participants = await rooms.listParticipants(roomName);
    return participants.find((p) => p.identity === identity);
  }

  /** An earlier try dialled: wait for its result instead of dialling again. */
  async function awaitEarlierDial(roomName: string, identity: string, signal: AbortSignal | undefined): Promise<PlaceCallResult> {
    // The earlier request may still be ringing; it cannot outlast the ringing timeout (plus set-up).
    const deadline = Date.now() + (config.ringingTimeoutSeconds + 10) * 1000;
    for (;;) {
      signal?.throwIfAborted();
      const participant = await findSipParticipant(roomName, identity);
      const status = participant?.attributes[CALL_STATUS];
      if (participant && (status === "active" || status === "hangup")) {
        return { status: "answered", roomName, participantIdentity: identity, sipCallId: participant.attributes["sip.callID"] ?? null, reused: true };
      }
      if (!participant || Date.now() > deadline) {
        // The earlier dial ended without us seeing its SIP status: connection unknown, which
        // COMPLIANCE.md §9 counts (CARRIER_ERROR) rather than risk an uncounted call.
        await deleteRoomQuietly(roomName);
        return { status: "not_connected", roomName, outcome: "CARRIER_ERROR", sipStatus: null, sipReason: "earlier dial ended with an unknown result", retryLater: true, reused: true };
      }
      await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
    }
  }

  async function deleteRoomQuietly(roomName: string): Promise<void> {
    // Best effort: an undeleted room closes itself after EMPTY_TIMEOUT_S once the agent leaves.
    await rooms.deleteRoom(roomName).catch(() => undefined);
  }

  async function ensureRoomAndAgent(request: PlaceCallRequest, roomName: string): Promise<void> {
    const [existing] = await rooms.listRooms([roomName]);
    if (!existing) {
      await rooms.createRoom({
        name: roomName,
        emptyTimeout: EMPTY_TIMEOUT_S,
        // The room ends as soon as the last participant leaves: the end of the call is the end of the room.
        departureTimeout: 1,
        maxParticipants: 4,
        metadata: JSON.stringify({ attemptId: request.attemptId }),
        ...(config.recordingFilepath
          ? { egress: new RoomEgress({ room: new RoomCompositeEgressRequest({ audioOnly: true, fileOutputs: [new EncodedFileOutput({ filepath: config.recordingFilepath })] }) }) }
          : {}),
      });
    }
    const dispatches = existing ? await agents.listDispatch(roomName) : [];
    if (!dispatches.some((d) => d.agentName === config.agentName)) {
      await agents.createDispatch(roomName, config.agentName, { metadata: JSON.stringify(request.dispatch) });
    }
  }

  return {
    async placeCall(request) {
      const roomName = roomNameForAttempt(request.attemptId);
      const identity = sipIdentityForAttempt(request.attemptId);
      try {
        const [room] = await rooms.listRooms([roomName]);
        if (room && (await findSipParticipant(roomName, identity))) return await awaitEarlierDial(roomName, identity, request.signal);
        await ensureRoomAndAgent(request, roomName);
        request.signal?.throwIfAborted();
        const info = await sip.createSipParticipant(request.sipTrunkId ?? config.sipTrunkId, request.phoneNumber, roomName, {
          fromNumber: request.callerId ?? config.callerId,
          participantIdentity: identity,
          participantName: "Consumer",
          ringingTimeout: config.ringingTimeoutSeconds,
          maxCallDuration: config.maxCallDurationSeconds,
          waitUntilAnswered: true,
          // The number is personal data: other participants (the agent) need not see it.
          hidePhoneNumber: true,
        });
        return { status: "answered", roomName, participantIdentity: info.participantIdentity || identity, sipCallId: info.sipCallId || null, reused: false };
      } catch (error) {
        if (error instanceof SipCallError && error.sipStatusCode !== undefined) {
          const reading = readSipFailure(error.sipStatusCode);
          await deleteRoomQuietly(roomName);
          return { status: "not_connected", roomName, outcome: reading.outcome, sipStatus: error.sipStatusCode, sipReason: error.sipStatus ?? "", retryLater: reading.retryLater, reused: false };
        }
        throw toAppError(error);
      }
    },
  };
}

/** Vendor failures as AppError: 4xx (but 429) will not get better by retrying; 5xx, 429 and network may. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ServerError) {
    const transient = error.status === 429 || error.status >= 500;
    return new AppError(transient ? "UPSTREAM_UNAVAILABLE" : "UPSTREAM_REJECTED", `LiveKit answered ${error.status} (${error.code ?? "no code"}): ${error.message}`, {
      cause: error,
      retryable: transient,
    });
  }
  return new AppError("UPSTREAM_UNAVAILABLE", "LiveKit could not be reached.", { cause: error });
}
