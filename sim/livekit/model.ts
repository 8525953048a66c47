import { randomBytes } from "node:crypto";

/** LiveKit-style ids: a type prefix and 12 random characters (RM_, PA_, AD_, EG_, SCL_, EV_). */
export const newId = (prefix: string) => `${prefix}_${randomBytes(9).toString("base64url").slice(0, 12)}`;

export interface SimParticipant {
  sid: string;
  identity: string;
  name: string;
  kind: "SIP" | "AGENT";
  state: "JOINING" | "JOINED" | "ACTIVE" | "DISCONNECTED";
  joinedAtMs: number;
  metadata: string;
  attributes: Record<string, string>;
  disconnectReason?: string;
}

export interface SimDispatch {
  id: string;
  agentName: string;
  room: string;
  metadata: string;
  createdAtS: number;
}

export interface SimRoom {
  sid: string;
  name: string;
  createdAtMs: number;
  metadata: string;
  emptyTimeout: number;
  departureTimeout: number;
  maxParticipants: number;
  /** Auto-egress file path template from CreateRoom, or null: nothing is recorded. */
  recordingPath: string | null;
  participants: Map<string, SimParticipant>;
  dispatches: SimDispatch[];
  finished: boolean;
  /** Webhooks of one room go out in order, one at a time, as LiveKit's per-resource queue does. */
  queue: Promise<void>;
}

/** proto3 JSON of livekit.Room (int64 as strings, as protojson writes them). */
export function roomJson(room: SimRoom): Record<string, unknown> {
  return {
    sid: room.sid,
    name: room.name,
    emptyTimeout: room.emptyTimeout,
    departureTimeout: room.departureTimeout,
    maxParticipants: room.maxParticipants,
    creationTime: String(Math.floor(room.createdAtMs / 1000)),
    creationTimeMs: String(room.createdAtMs),
    metadata: room.metadata,
    numParticipants: [...room.participants.values()].filter((p) => p.state !== "DISCONNECTED").length,
    activeRecording: room.recordingPath !== null,
  };
}

/** proto3 JSON of livekit.ParticipantInfo. */
export function participantJson(p: SimParticipant): Record<string, unknown> {
  return {
    sid: p.sid,
    identity: p.identity,
    name: p.name,
    state: p.state,
    joinedAt: String(Math.floor(p.joinedAtMs / 1000)),
    joinedAtMs: String(p.joinedAtMs),
    metadata: p.metadata,
    kind: p.kind,
    attributes: p.attributes,
    isPublisher: p.state === "ACTIVE",
    ...(p.disconnectReason ? { disconnectReason: p.disconnectReason } : {}),
  };
}

/** proto3 JSON of livekit.AgentDispatch. */
export function dispatchJson(d: SimDispatch): Record<string, unknown> {
  return { id: d.id, agentName: d.agentName, room: d.room, metadata: d.metadata, state: { createdAt: String(d.createdAtS) } };
}
