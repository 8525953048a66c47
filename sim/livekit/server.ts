import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { requirePermission, verifyApiToken, type Grants } from "./auth";
import { buildConversation, parseAgentJob } from "./conversation";
import { deliverTranscript, deliverWebhook, type DeliveryStatus } from "./deliver";
import { dispatchJson, newId, participantJson, roomJson, type SimParticipant, type SimRoom } from "./model";
import { personaFor, sipFailureOf, type Persona } from "./personas";
import { field, readBody, TwirpError, writeJson, writeTwirpError } from "./twirp";

export interface LiveKitSimOptions {
  readonly apiKey: string;
  readonly apiSecret: string;
  /** The app's LiveKit webhook endpoint; without it no webhooks are sent. */
  readonly webhookUrl?: string;
  /** Where the simulated agent posts transcripts, and the HMAC secret it signs them with. */
  readonly transcriptUrl?: string;
  readonly transcriptSecret?: string;
  /** Outbound trunk ids the simulator knows; dialling through another is a not_found. */
  readonly sipTrunkIds?: readonly string[];
  /** Persona draws derive from it: the same seed gives the same run. */
  readonly seed?: number;
  /** Time compression: 30 makes a 60-second call last 2 seconds. */
  readonly speed?: number;
  /** The call world's clock (event and join times, the conversation's date), e.g. a simulation's virtual one. Signatures keep wall time. */
  readonly now?: () => number;
  readonly port?: number;
  readonly host?: string;
  /** Persona per dialled number, overriding the seeded draw. */
  readonly personas?: Readonly<Record<string, Persona>>;
}

/** One dialled call as the simulator saw it, for tests and the CLI's log. */
export interface SimCall {
  readonly roomName: string;
  readonly number: string;
  readonly persona: Persona;
  sipStatus: number | null;
  disposition: string | null;
  readonly webhooks: { event: string; status: DeliveryStatus }[];
  transcript: { status: DeliveryStatus } | null;
  /** Settles when the call's room has finished and every webhook about it went out. */
  readonly done: Promise<void>;
}

export interface LiveKitSim {
  readonly url: string;
  readonly calls: readonly SimCall[];
  /** Dials made, in total or to one number (a retried step must not add one). */
  dialCount(number?: string): number;
  setPersona(number: string, persona: Persona): void;
  /**
   * Holds every dial made from now on in its ringing phase (the SIP participant exists, the call
   * is not decided) until the returned release is called: crash tests kill a caller mid-dial.
   */
  holdDials(): () => void;
  /** Resolves once every call so far has finished and its webhooks were delivered. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

const DEFAULT_TRUNK = "ST_recourse_simulator";

/**
 * A LiveKit stand-in speaking the Twirp JSON API that livekit-server-sdk uses for outbound calls
 * (RoomService, AgentDispatchService, SIP.CreateSIPParticipant), with LiveKit's token checks, and
 * a simulated world behind it: debtor personas answer (or not), a simulated agent talks to them,
 * and LiveKit-signed webhooks and HMAC-signed transcripts go to the app.
 */
export async function startLiveKitSim(options: LiveKitSimOptions): Promise<LiveKitSim> {
  const speed = options.speed ?? 30;
  const clock = options.now ?? Date.now;
  const seed = options.seed ?? 1;
  const trunks = new Set(options.sipTrunkIds ?? [DEFAULT_TRUNK]);
  const overrides = new Map<string, Persona>(Object.entries(options.personas ?? {}));
  const rooms = new Map<string, SimRoom>();
  const unfinished = new Set<Promise<void>>();
  const calls: SimCall[] = [];
  const callByRoom = new Map<string, SimCall & { finish: () => void }>();
  const dials = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  let hold: Promise<void> = Promise.resolve();

  /** Simulated time: `ms` of call time pass in ms / speed of real time. */
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms / speed);
      timers.add(timer);
    });

  /** Wall-clock wait, for timeouts that race the caller's API requests, which are not time-compressed. */
  const realSleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  function emit(room: SimRoom, event: string, extra: Record<string, unknown> = {}): void {
    const url = options.webhookUrl;
    if (!url || stopped) return;
    const body = { event, room: roomJson(room), id: newId("EV"), createdAt: String(Math.floor(clock() / 1000)), ...extra };
    room.queue = room.queue.then(async () => {
      const status = await deliverWebhook(url, body, options.apiKey, options.apiSecret);
      callByRoom.get(room.name)?.webhooks.push({ event, status });
    });
  }

  function getOrCreateRoom(name: string, init: Partial<Pick<SimRoom, "metadata" | "emptyTimeout" | "departureTimeout" | "maxParticipants" | "recordingPath">> = {}): SimRoom {
    const existing = rooms.get(name);
    if (existing) return existing;
    const room: SimRoom = {
      sid: newId("RM"),
      name,
      createdAtMs: clock(),
      metadata: init.metadata ?? "",
      emptyTimeout: init.emptyTimeout || 300,
      departureTimeout: init.departureTimeout || 20,
      maxParticipants: init.maxParticipants ?? 0,
      recordingPath: init.recordingPath ?? null,
      participants: new Map(),
      dispatches: [],
      finished: false,
      queue: Promise.resolve(),
    };
    rooms.set(name, room);
    emit(room, "room_started");
    return room;
  }

  function leave(room: SimRoom, identity: string, reason: string): void {
    const participant = room.participants.get(identity);
    if (!participant) return;
    room.participants.delete(identity);
    const wasIn = participant.state === "ACTIVE" || participant.state === "JOINED";
    participant.state = "DISCONNECTED";
    participant.disconnectReason = reason;
    if (participant.kind === "SIP") participant.attributes["sip.callStatus"] = "hangup";
    if (wasIn) emit(room, "participant_left", { participant: participantJson(participant) });
  }

  /** Ends a room: recording first (egress_ended), then room_finished, as LiveKit orders them. */
  function finish(room: SimRoom, reason: string): void {
    if (room.finished) return;
    for (const identity of [...room.participants.keys()]) leave(room, identity, reason === "ROOM_END_API_DELETE" ? "ROOM_DELETED" : "ROOM_CLOSED");
    room.finished = true;
    rooms.delete(room.name);
    if (room.recordingPath) {
      const filename = room.recordingPath.replace("{room_name}", room.name).replace("{time}", new Date(room.createdAtMs).toISOString().replace(/[:.]/g, "-"));
      const now = clock();
      const egressInfo = {
        egressId: newId("EG"),
        roomId: room.sid,
        roomName: room.name,
        status: "EGRESS_COMPLETE",
        startedAt: String(room.createdAtMs * 1_000_000),
        endedAt: String(now * 1_000_000),
        fileResults: [{ filename, startedAt: String(room.createdAtMs * 1_000_000), endedAt: String(now * 1_000_000), duration: String((now - room.createdAtMs) * 1_000_000), size: "48000", location: `sim://recordings/${filename}` }],
      };
      emit(room, "egress_ended", { egressInfo });
    }
    emit(room, "room_finished", { roomEndReason: reason });
    const call = callByRoom.get(room.name);
    if (call) void room.queue.then(call.finish);
  }

  /** LiveKit closes a room once its last participant has been gone for departureTimeout seconds. */
  function closeWhenEmpty(room: SimRoom): void {
    if (room.participants.size > 0 || room.finished) return;
    void sleep(room.departureTimeout * 1000).then(() => {
      if (room.participants.size === 0) finish(room, "ROOM_END_IDLE_TIMEOUT");
    });
  }

  function joinAgent(room: SimRoom, dispatchId: string): void {
    const agent: SimParticipant = { sid: newId("PA"), identity: `agent-${dispatchId}`, name: "agent", kind: "AGENT", state: "ACTIVE", joinedAtMs: clock(), metadata: "", attributes: { "lk.agent.state": "listening" } };
    room.participants.set(agent.identity, agent);
    emit(room, "participant_joined", { participant: participantJson(agent) });
  }

  async function runConversation(room: SimRoom, sipIdentity: string, persona: Persona, call: SimCall): Promise<void> {
    const dispatch = room.dispatches[0];
    const job = dispatch ? parseAgentJob(dispatch.metadata) : undefined;
    if (!job) {
      // No agent to speak: the consumer hears silence and hangs up.
      await sleep(8_000);
      leave(room, sipIdentity, "CLIENT_INITIATED");
      closeWhenEmpty(room);
      return;
    }
    const conversation = buildConversation(persona, job, seed, new Date(clock()));
    await sleep(conversation.durationMs);
    if (room.finished) return;
    leave(room, sipIdentity, "CLIENT_INITIATED");
    call.disposition = conversation.disposition;
    if (options.transcriptUrl && options.transcriptSecret) {
      const transcript = { attemptId: job.attemptId, language: job.language, disposition: conversation.disposition, segments: conversation.segments };
      call.transcript = { status: await deliverTranscript(options.transcriptUrl, transcript, options.transcriptSecret) };
    }
    for (const p of [...room.participants.values()]) if (p.kind === "AGENT") leave(room, p.identity, "CLIENT_INITIATED");
    closeWhenEmpty(room);
  }

  async function createSipParticipant(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const trunk = field<string>(body, "sipTrunkId", "sip_trunk_id") ?? "";
    const number = field<string>(body, "sipCallTo", "sip_call_to") ?? "";
    const roomName = field<string>(body, "roomName", "room_name") ?? "";
    const identity = field<string>(body, "participantIdentity", "participant_identity") || "sip-participant";
    if (!trunks.has(trunk)) throw new TwirpError("not_found", `requested sip trunk does not exist: ${trunk}`);
    if (!/^\+?[0-9]{3,15}$/.test(number)) throw new TwirpError("invalid_argument", "sip_call_to must be a phone number");
    if (!roomName) throw new TwirpError("invalid_argument", "room_name is required");
    const room = getOrCreateRoom(roomName);
    if (room.participants.has(identity)) throw new TwirpError("already_exists", `participant ${identity} already exists`);
    const ringingTimeoutS = Number(String(field<string>(body, "ringingTimeout", "ringing_timeout") ?? "30s").replace(/s$/, "")) || 30;
    const hide = field<boolean>(body, "hidePhoneNumber", "hide_phone_number") === true;
    const sipCallId = newId("SCL");
    const participant: SimParticipant = {
      sid: newId("PA"),
      identity,
      name: field<string>(body, "participantName", "participant_name") || "Phone",
      kind: "SIP",
      state: "JOINING",
      joinedAtMs: 0,
      metadata: field<string>(body, "participantMetadata", "participant_metadata") ?? "",
      attributes: {
        ...(field<Record<string, string>>(body, "participantAttributes", "participant_attributes") ?? {}),
        "sip.callID": sipCallId,
        "sip.callStatus": "dialing",
        "sip.trunkID": trunk,
        "sip.trunkPhoneNumber": field<string>(body, "sipNumber", "sip_number") ?? "",
        ...(hide ? {} : { "sip.phoneNumber": number }),
      },
    };
    room.participants.set(identity, participant);
    dials.set(number, (dials.get(number) ?? 0) + 1);
    const persona = personaFor(number, seed, overrides);
    let finishCall = () => {};
    const done = new Promise<void>((resolve) => (finishCall = resolve));
    const call: SimCall & { finish: () => void } = { roomName, number, persona, sipStatus: null, disposition: null, webhooks: [], transcript: null, done, finish: finishCall };
    calls.push(call);
    callByRoom.set(roomName, call);
    unfinished.add(done);
    void done.then(() => unfinished.delete(done));

    const failure = sipFailureOf(persona, number, seed, ringingTimeoutS);
    const outcome = (async () => {
      await sleep(500);
      participant.attributes["sip.callStatus"] = "ringing";
      await hold;
      await sleep((failure ? failure.ringS : 4 + (number.charCodeAt(number.length - 1) % 8)) * 1000);
      if (room.finished || !room.participants.has(identity)) throw new TwirpError("aborted", "the room was closed while dialling");
      if (failure) {
        room.participants.delete(identity);
        call.sipStatus = failure.status;
        // Nobody to talk to: the agent leaves after a while unless the caller deletes the room first.
        void sleep(15_000).then(() => {
          for (const p of [...room.participants.values()]) leave(room, p.identity, "CLIENT_INITIATED");
          closeWhenEmpty(room);
        });
        // livekit/protocol sip.go: the SIP status travels as Twirp meta with its mapped code.
        const code = failure.status === 486 || failure.status === 480 || failure.status === 600 ? "resource_exhausted" : failure.status === 408 || failure.status === 504 ? "deadline_exceeded" : failure.status === 404 || failure.status === 410 || failure.status === 604 ? "not_found" : failure.status === 603 ? "permission_denied" : failure.status >= 500 && failure.status < 600 ? "failed_precondition" : "invalid_argument";
        throw new TwirpError(code, `sip status ${failure.status}: ${failure.reason}`, { sip_status_code: String(failure.status), sip_status: failure.reason });
      }
      participant.state = "ACTIVE";
      participant.joinedAtMs = clock();
      participant.attributes["sip.callStatus"] = "active";
      call.sipStatus = 200;
      emit(room, "participant_joined", { participant: participantJson(participant) });
      void runConversation(room, identity, persona, call);
      return { participantId: participant.sid, participantIdentity: identity, roomName, sipCallId };
    })();
    if (field<boolean>(body, "waitUntilAnswered", "wait_until_answered") === true) return outcome;
    outcome.catch(() => undefined);
    return { participantId: participant.sid, participantIdentity: identity, roomName, sipCallId };
  }

  async function route(method: string, body: Record<string, unknown>, grants: Grants): Promise<unknown> {
    const roomArg = String(body.room ?? body.name ?? "");
    switch (method) {
      case "RoomService/CreateRoom": {
        requirePermission(grants, { kind: "roomCreate" });
        const egress = body.egress as { room?: { fileOutputs?: { filepath?: string }[] } } | undefined;
        const room = getOrCreateRoom(roomArg, {
          metadata: String(body.metadata ?? ""),
          emptyTimeout: Number(field(body, "emptyTimeout", "empty_timeout") ?? 0),
          departureTimeout: Number(field(body, "departureTimeout", "departure_timeout") ?? 0),
          maxParticipants: Number(field(body, "maxParticipants", "max_participants") ?? 0),
          recordingPath: egress?.room ? (egress.room.fileOutputs?.[0]?.filepath ?? "{room_name}-{time}.ogg") : null,
        });
        // emptyTimeout runs on wall time: it races the caller's next requests (dispatch, dial), which are not compressed.
        void realSleep(room.emptyTimeout * 1000).then(() => room.participants.size === 0 && finish(room, "ROOM_END_IDLE_TIMEOUT"));
        return roomJson(room);
      }
      case "RoomService/ListRooms": {
        requirePermission(grants, { kind: "roomList" });
        const names = (body.names as string[] | undefined) ?? [];
        return { rooms: [...rooms.values()].filter((r) => names.length === 0 || names.includes(r.name)).map(roomJson) };
      }
      case "RoomService/DeleteRoom": {
        requirePermission(grants, { kind: "roomCreate" });
        const room = rooms.get(roomArg);
        if (!room) throw new TwirpError("not_found", "requested room does not exist");
        finish(room, "ROOM_END_API_DELETE");
        return {};
      }
      case "RoomService/ListParticipants": {
        requirePermission(grants, { kind: "roomAdmin", room: roomArg });
        const room = rooms.get(roomArg);
        if (!room) throw new TwirpError("not_found", "requested room does not exist");
        return { participants: [...room.participants.values()].map(participantJson) };
      }
      case "AgentDispatchService/CreateDispatch": {
        requirePermission(grants, { kind: "roomAdmin", room: roomArg });
        const room = getOrCreateRoom(roomArg);
        const dispatch = { id: newId("AD"), agentName: String(field(body, "agentName", "agent_name") ?? ""), room: roomArg, metadata: String(body.metadata ?? ""), createdAtS: Math.floor(clock() / 1000) };
        room.dispatches.push(dispatch);
        joinAgent(room, dispatch.id);
        return dispatchJson(dispatch);
      }
      case "AgentDispatchService/ListDispatch": {
        requirePermission(grants, { kind: "roomAdmin", room: roomArg });
        return { agentDispatches: (rooms.get(roomArg)?.dispatches ?? []).map(dispatchJson) };
      }
      case "SIP/CreateSIPParticipant":
        requirePermission(grants, { kind: "sipCall" });
        return createSipParticipant(body);
      default:
        throw new TwirpError("bad_route", `no handler for ${method}`);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const match = /^\/twirp\/livekit\.(\w+\/\w+)$/.exec(req.url ?? "");
      if (req.method !== "POST" || !match?.[1]) throw new TwirpError("bad_route", `no route for ${req.method} ${req.url}`);
      const grants = await verifyApiToken(req.headers.authorization, options.apiKey, options.apiSecret);
      let body: Record<string, unknown>;
      try {
        body = JSON.parse((await readBody(req)) || "{}") as Record<string, unknown>;
      } catch {
        throw new TwirpError("malformed", "the request body is not JSON");
      }
      writeJson(res, await route(match[1], body, grants));
    } catch (error) {
      writeTwirpError(res, error instanceof TwirpError ? error : new TwirpError("internal", error instanceof Error ? error.message : String(error)));
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    calls,
    dialCount: (number) => (number === undefined ? [...dials.values()].reduce((a, b) => a + b, 0) : (dials.get(number) ?? 0)),
    setPersona: (number, persona) => void overrides.set(number, persona),
    holdDials() {
      let release = () => {};
      hold = new Promise<void>((resolve) => (release = resolve));
      return () => {
        hold = Promise.resolve();
        release();
      };
    },
    settled: async () => {
      // The unfinished ones only: a simulation asks after every step, over tens of thousands of calls.
      while (unfinished.size > 0) await Promise.all([...unfinished]);
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
