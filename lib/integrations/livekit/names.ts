/**
 * LiveKit names derived from the call attempt alone, so a retried dial step lands on the same room
 * and the same SIP participant and can see that the first try already dialled.
 */
const ROOM_PREFIX = "recourse-call-";
const SIP_PREFIX = "sip-";

/** The room of one call attempt. */
export function roomNameForAttempt(attemptId: string): string {
  return `${ROOM_PREFIX}${attemptId}`;
}

/** The identity of the dialled party's SIP participant in that room. */
export function sipIdentityForAttempt(attemptId: string): string {
  return `${SIP_PREFIX}${attemptId}`;
}

/** The attempt a room belongs to, or undefined for rooms this product did not create. */
export function attemptIdFromRoomName(roomName: string): string | undefined {
  if (!roomName.startsWith(ROOM_PREFIX)) return undefined;
  const id = roomName.slice(ROOM_PREFIX.length);
  return /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : undefined;
}

/** Whether a participant identity is the dialled party of the given attempt. */
export function isSipIdentityOf(identity: string, attemptId: string): boolean {
  return identity === sipIdentityForAttempt(attemptId);
}
