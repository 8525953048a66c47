import { roomNameForAttempt, sipIdentityForAttempt } from "./names";
import type { PlaceCallRequest, PlaceCallResult, Telephony } from "./port";
import { readSipFailure } from "./sip-outcome";

/**
 * In-process Telephony for unit tests: answers every call unless a SIP failure is scripted for the
 * number, and remembers what it was asked (integration tests use sim/livekit instead).
 */
export class FakeTelephony implements Telephony {
  readonly requests: PlaceCallRequest[] = [];
  private readonly answered = new Set<string>();

  constructor(private readonly failures: Readonly<Record<string, number>> = {}) {}

  async placeCall(request: PlaceCallRequest): Promise<PlaceCallResult> {
    const roomName = roomNameForAttempt(request.attemptId);
    const participantIdentity = sipIdentityForAttempt(request.attemptId);
    if (this.answered.has(request.attemptId)) return { status: "answered", roomName, participantIdentity, sipCallId: `SCL_${request.attemptId}`, reused: true };
    this.requests.push(request);
    const sipStatus = this.failures[request.phoneNumber];
    if (sipStatus !== undefined) {
      const reading = readSipFailure(sipStatus);
      return { status: "not_connected", roomName, outcome: reading.outcome, sipStatus, sipReason: `SIP ${sipStatus}`, retryLater: reading.retryLater, reused: false };
    }
    this.answered.add(request.attemptId);
    return { status: "answered", roomName, participantIdentity, sipCallId: `SCL_${request.attemptId}`, reused: false };
  }
}
