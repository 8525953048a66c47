import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { AccessToken } from "livekit-server-sdk";
import { createDb, type Db } from "../../db";
import { roomNameForAttempt, sipIdentityForAttempt } from "../../integrations/livekit/names";
import { createTestDatabase, type TestDatabase } from "../../testing/database";
import { createCallAttempt, createDebtor } from "../../testing/call-factories";
import { serveFetchHandlers } from "../../testing/fetch-server";
import { signTranscriptBody, TRANSCRIPT_SIGNATURE_HEADER } from "../transcript-signature";
import { handleLiveKitWebhook } from "./livekit-webhook";
import { handleTranscriptPost } from "./transcripts";

const API_KEY = "hook-key";
const API_SECRET = "hook-secret-0123456789-0123456789-xyz";
const TRANSCRIPT_SECRET = "transcript-secret-abcdef";
const MAX_BYTES = 4_096;

/** Signs like LiveKit: a JWT from the SDK's own AccessToken carrying the body's base64 sha256. */
async function liveKitSignature(body: string, secret = API_SECRET): Promise<string> {
  const token = new AccessToken(API_KEY, secret, { ttl: "5m" });
  token.sha256 = createHash("sha256").update(body).digest("base64");
  return token.toJwt();
}

function participantLeft(attemptId: string, createdAt = 1_800_000_000): string {
  return JSON.stringify({
    event: "participant_left",
    id: "EV_test",
    createdAt: String(createdAt),
    room: { sid: "RM_x", name: roomNameForAttempt(attemptId) },
    participant: { sid: "PA_x", identity: sipIdentityForAttempt(attemptId), kind: "SIP", state: "DISCONNECTED", joinedAtMs: String((createdAt - 60) * 1000) },
  });
}

describe("webhook and transcript intake refuse what they must, and write nothing when they do", () => {
  let database: TestDatabase;
  let db: Db;
  let app: { url: string; close(): Promise<void> };
  let attemptId: string;

  const snapshot = async () => ({
    attempt: await db.callAttempt.findUniqueOrThrow({ where: { id: attemptId } }),
    outbox: await db.outboxEvent.count(),
    transcripts: await db.transcript.count(),
  });
  const postWebhook = (body: string, authorization?: string) =>
    fetch(`${app.url}/api/webhooks/livekit`, { method: "POST", body, headers: { "content-type": "application/webhook+json", ...(authorization ? { authorization } : {}) } });
  const postTranscript = (body: string, signature?: string) =>
    fetch(`${app.url}/api/calls/transcripts`, { method: "POST", body, headers: { "content-type": "application/json", ...(signature ? { [TRANSCRIPT_SIGNATURE_HEADER]: signature } : {}) } });
  const signNow = (body: string) => signTranscriptBody(TRANSCRIPT_SECRET, body, Math.floor(Date.now() / 1000));

  async function expectProblem(response: Response, status: number, code: string): Promise<void> {
    assert.equal(response.status, status);
    assert.equal(response.headers.get("content-type"), "application/problem+json");
    const problem = (await response.json()) as { status: number; code: string; type: string };
    assert.equal(problem.status, status);
    assert.equal(problem.code, code);
  }

  before(async () => {
    database = await createTestDatabase({ migrate: true });
    db = createDb(database.url);
    app = await serveFetchHandlers({
      "POST /api/webhooks/livekit": (request) => handleLiveKitWebhook(request, { db, keys: { apiKey: API_KEY, apiSecret: API_SECRET } }),
      "POST /api/calls/transcripts": (request) => handleTranscriptPost(request, { db, secret: TRANSCRIPT_SECRET, maxBytes: MAX_BYTES }),
    });
    attemptId = await createCallAttempt(db, await createDebtor(db));
  });
  after(async () => {
    await app.close();
    await db.$disconnect();
    await database.drop();
  });

  test("a forged, missing or tampered webhook signature is a 401 and writes nothing", async () => {
    const before = await snapshot();
    const body = participantLeft(attemptId);
    await expectProblem(await postWebhook(body, await liveKitSignature(body, "forged-secret-forged-secret-forged-00")), 401, "UNAUTHENTICATED");
    await expectProblem(await postWebhook(body), 401, "UNAUTHENTICATED");
    const signed = await liveKitSignature(body);
    await expectProblem(await postWebhook(body.replace("participant_left", "room_finished"), signed), 401, "UNAUTHENTICATED");
    assert.deepEqual(await snapshot(), before);
  });

  test("a signed but malformed body is a 400; a room we never made or an unknown attempt is a 404", async () => {
    const before = await snapshot();
    for (const body of ["{not json", JSON.stringify({ event: 5, room: "nope" })]) {
      await expectProblem(await postWebhook(body, await liveKitSignature(body)), 400, "BAD_REQUEST");
    }
    for (const name of ["somebody-elses-room", roomNameForAttempt("cl_unknown_attempt")]) {
      const body = JSON.stringify({ event: "room_finished", createdAt: "1800000000", room: { sid: "RM_y", name } });
      await expectProblem(await postWebhook(body, await liveKitSignature(body)), 404, "NOT_FOUND");
    }
    assert.deepEqual(await snapshot(), before);
  });

  test("the SIP participant leaving ends the call once; a redelivery or a later room_finished changes nothing", async () => {
    const body = participantLeft(attemptId);
    const first = await postWebhook(body, await liveKitSignature(body));
    assert.equal(first.status, 200);
    assert.deepEqual(await first.json(), { event: "participant_left", attemptId, changed: true });
    const ended = await snapshot();
    assert.deepEqual(ended.attempt.endedAt, new Date(1_800_000_000_000));
    assert.deepEqual(ended.attempt.answeredAt, new Date((1_800_000_000 - 60) * 1000));
    assert.equal(ended.attempt.sipStatus, 200);
    assert.equal(await db.outboxEvent.count({ where: { aggregateId: attemptId, eventKey: "call:ended" } }), 1);

    const again = await postWebhook(body, await liveKitSignature(body));
    assert.deepEqual(await again.json(), { event: "participant_left", attemptId, changed: false });
    const finished = JSON.stringify({ event: "room_finished", createdAt: "1800000030", room: { sid: "RM_x", name: roomNameForAttempt(attemptId) } });
    assert.equal((await postWebhook(finished, await liveKitSignature(finished))).status, 200);
    assert.deepEqual(await snapshot(), ended);
  });

  test("transcripts: oversized 413, unsigned or replayed 401, unknown attempt 404, bad shape 422 — nothing stored", async () => {
    const before = await snapshot();
    const big = JSON.stringify({ attemptId, language: "en", segments: [{ speaker: "agent", text: "x".repeat(MAX_BYTES), startMs: 0, endMs: 1 }] });
    await expectProblem(await postTranscript(big, signNow(big)), 413, "PAYLOAD_TOO_LARGE");
    const good = JSON.stringify({ attemptId, language: "en", disposition: "PROMISE_TO_PAY", segments: [{ speaker: "agent", text: "Hello.", startMs: 0, endMs: 900 }] });
    await expectProblem(await postTranscript(good), 401, "UNAUTHENTICATED");
    await expectProblem(await postTranscript(good, signTranscriptBody(TRANSCRIPT_SECRET, good, Math.floor(Date.now() / 1000) - 3_600)), 401, "UNAUTHENTICATED");
    const stranger = good.replace(attemptId, "cl_nobody");
    await expectProblem(await postTranscript(stranger, signNow(stranger)), 404, "NOT_FOUND");
    const wrong = JSON.stringify({ attemptId, language: "en", segments: [{ speaker: "robot", text: "", startMs: 5, endMs: 1 }] });
    const response = await postTranscript(wrong, signNow(wrong));
    await expectProblem(response.clone(), 422, "VALIDATION_FAILED");
    const paths = ((await response.json()) as { errors: { path: string }[] }).errors.map((e) => e.path).sort();
    assert.deepEqual(paths, ["segments.0.speaker", "segments.0.text"]);
    assert.deepEqual(await snapshot(), before);
  });

  test("a transcript is stored once with its disposition and event; the same post again is a no-op, a different one a 409", async () => {
    const body = JSON.stringify({
      attemptId,
      language: "en",
      disposition: "DISPUTE",
      segments: [
        { speaker: "agent", text: "Hello, this is Alex, an automated AI assistant.", startMs: 0, endMs: 1_800 },
        { speaker: "consumer", text: "That is not my debt.", startMs: 2_000, endMs: 3_100 },
      ],
    });
    const created = await postTranscript(body, signNow(body));
    assert.equal(created.status, 201);
    const receipt = (await created.json()) as { transcriptId: string; created: boolean };
    assert.equal(receipt.created, true);
    const stored = await snapshot();
    assert.equal(stored.attempt.outcome, "DISPUTE");
    assert.equal(stored.attempt.conversation, true);
    assert.equal(await db.outboxEvent.count({ where: { aggregateId: attemptId, eventKey: "call:transcript", scope: `attempt:${attemptId}` } }), 1);

    const replay = await postTranscript(body, signNow(body));
    assert.equal(replay.status, 200);
    assert.deepEqual(await replay.json(), { attemptId, transcriptId: receipt.transcriptId, created: false });
    const changed = body.replace("DISPUTE", "REFUSAL_TO_PAY");
    await expectProblem(await postTranscript(changed, signNow(changed)), 409, "CONFLICT");
    assert.deepEqual(await snapshot(), stored);
  });
});
