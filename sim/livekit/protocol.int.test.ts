import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AccessToken, AgentDispatchClient, RoomServiceClient, ServerError, SipCallError, SipClient, WebhookReceiver } from "livekit-server-sdk";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startLiveKitSim, type LiveKitSim } from "./server";

const KEY = "proto-key";
const SECRET = "proto-secret-0123456789-0123456789";

/**
 * The simulator as livekit-server-sdk sees it: the SDK's own clients call it, its errors come back
 * as the SDK's ServerError/SipCallError, and its webhooks pass the SDK's WebhookReceiver.
 */
describe("sim/livekit speaks LiveKit's protocol", () => {
  let sim: LiveKitSim;
  let hooks: Server;
  const received: { event: string; room: string }[] = [];

  before(async () => {
    const receiver = new WebhookReceiver(KEY, SECRET);
    hooks = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      try {
        const event = await receiver.receive(Buffer.concat(chunks).toString("utf8"), req.headers.authorization);
        received.push({ event: event.event, room: event.room?.name ?? "" });
        res.writeHead(200).end();
      } catch {
        res.writeHead(401).end();
      }
    });
    await new Promise<void>((r) => hooks.listen(0, "127.0.0.1", r));
    sim = await startLiveKitSim({ apiKey: KEY, apiSecret: SECRET, webhookUrl: `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/`, speed: 5_000, seed: 3, personas: { "+12025550111": "busy" } });
  });
  after(async () => {
    await sim.stop();
    hooks.closeAllConnections();
    await new Promise<void>((r) => hooks.close(() => r()));
  });

  test("rooms, dispatches and participants round-trip through the SDK's parsers", async () => {
    const rooms = new RoomServiceClient(sim.url, KEY, SECRET);
    const created = await rooms.createRoom({ name: "proto-room", emptyTimeout: 60, metadata: "m" });
    assert.equal(created.name, "proto-room");
    assert.ok(created.sid.startsWith("RM_"));
    const dispatch = await new AgentDispatchClient(sim.url, KEY, SECRET).createDispatch("proto-room", "agent-x", { metadata: "{}" });
    assert.equal(dispatch.agentName, "agent-x");
    assert.deepEqual((await rooms.listRooms(["proto-room"])).map((r) => r.name), ["proto-room"]);
    const participants = await rooms.listParticipants("proto-room");
    assert.equal(participants.length, 1);
    assert.equal(participants[0]?.kind, 4, "ParticipantInfo.Kind.AGENT");
    await rooms.deleteRoom("proto-room");
    assert.deepEqual(await rooms.listRooms(["proto-room"]), []);
  });

  test("tokens are checked like LiveKit: wrong secret 401, a grant for another room 403", async () => {
    await assert.rejects(new RoomServiceClient(sim.url, KEY, "wrong-secret-wrong-secret-wrong-000").listRooms(), (e: unknown) => e instanceof ServerError && e.status === 401 && e.code === "unauthenticated");
    const token = new AccessToken(KEY, SECRET);
    token.addGrant({ roomAdmin: true, room: "some-other-room" });
    const response = await fetch(`${sim.url}/twirp/livekit.RoomService/ListParticipants`, { method: "POST", headers: { authorization: `Bearer ${await token.toJwt()}`, "content-type": "application/json" }, body: JSON.stringify({ room: "proto-room" }) });
    assert.equal(response.status, 403);
    assert.equal(((await response.json()) as { code: string }).code, "permission_denied");
  });

  test("a busy line comes back as the SDK's SipCallError with SIP 486, and its webhooks verify", async () => {
    const sip = new SipClient(sim.url, KEY, SECRET);
    const error = await sip.createSipParticipant("ST_recourse_simulator", "+12025550111", "busy-room", { participantIdentity: "sip-1", waitUntilAnswered: true }).catch((e: unknown) => e);
    assert.ok(error instanceof SipCallError);
    assert.equal(error.sipStatusCode, 486);
    assert.equal(error.status, 429, "resource_exhausted, as livekit/protocol maps Busy Here");
    // Nobody is left in the room: it closes by itself.
    await sim.settled();
    const events = received.filter((e) => e.room === "busy-room").map((e) => e.event);
    assert.deepEqual(events, ["room_started", "room_finished"]);
    assert.equal(sim.dialCount("+12025550111"), 1);
  });
});
