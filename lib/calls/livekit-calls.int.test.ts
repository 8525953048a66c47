import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LiveKitSim } from "../../sim/livekit/server";
import type { Persona } from "../../sim/livekit/personas";
import { CallEndedPayloadSchema, TranscriptReceivedPayloadSchema } from "../contracts/call-events";
import { EVENT, SCOPE } from "../contracts/names";
import { TranscriptSegmentSchema } from "../contracts/transcript";
import { createDb, type Db } from "../db";
import { createLiveKitTelephony } from "../integrations/livekit/adapter";
import { roomNameForAttempt } from "../integrations/livekit/names";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { createCallAttempt, createDebtor } from "../testing/call-factories";
import { simulatedLiveKitConfig, startSimulatedWorld, type SimulatedWorld } from "../testing/simulated-world";
import { dialCallAttempt } from "./dial-attempt";

const SCRIPT = { id: "default-en", businessName: "Northside Recovery", callbackNumber: "+15555550199" };
const RECORDING = "recordings/{room_name}-{time}.ogg";

/** COMPLIANCE.md §9: what each persona's call must end as, and its final SIP status. */
const EXPECTED: Record<Persona, { outcome: string; sipStatus: number | readonly number[]; answered: boolean }> = {
  no_answer: { outcome: "NO_ANSWER", sipStatus: 408, answered: false },
  busy: { outcome: "BUSY", sipStatus: 486, answered: false },
  invalid_number: { outcome: "NOT_IN_SERVICE", sipStatus: [404, 410, 484], answered: false },
  declined: { outcome: "NO_ANSWER", sipStatus: 603, answered: false },
  carrier_failure: { outcome: "CARRIER_ERROR", sipStatus: 503, answered: false },
  voicemail: { outcome: "VOICEMAIL", sipStatus: 200, answered: true },
  silent: { outcome: "ANSWERED_SILENT", sipStatus: 200, answered: true },
  wrong_party: { outcome: "WRONG_PARTY", sipStatus: 200, answered: true },
  pays_now: { outcome: "PAID_ON_CALL", sipStatus: 200, answered: true },
  promise_to_pay: { outcome: "PROMISE_TO_PAY", sipStatus: 200, answered: true },
  disputes: { outcome: "DISPUTE", sipStatus: 200, answered: true },
  refuses: { outcome: "REFUSAL_TO_PAY", sipStatus: 200, answered: true },
  stop_calling: { outcome: "CEASE_REQUEST", sipStatus: 200, answered: true },
  callback: { outcome: "CALLBACK_REQUESTED", sipStatus: 200, answered: true },
  hostile: { outcome: "UNVERIFIED_PERSON", sipStatus: 200, answered: true },
  confused: { outcome: "RIGHT_PARTY_CONTACT", sipStatus: 200, answered: true },
};

describe("LiveKit calls: livekit-server-sdk against sim/livekit, webhooks and transcripts into PostgreSQL", () => {
  let database: TestDatabase;
  let db: Db;
  let world: SimulatedWorld;
  const startSim = (speed: number): Promise<LiveKitSim> => world.startSim({ speed, seed: 7 });
  const liveKitConfig = (url: string, overrides: Parameters<typeof simulatedLiveKitConfig>[1] = {}) => simulatedLiveKitConfig(url, { recordingFilepath: RECORDING, ...overrides });

  before(async () => {
    database = await createTestDatabase({ migrate: true });
    db = createDb(database.url);
    world = await startSimulatedWorld({ db, seed: 7, speed: 2_000, recordingFilepath: RECORDING, maxTranscriptBytes: 64 * 1024 });
  });
  after(async () => {
    await world?.stop();
    await db.$disconnect();
    await database.drop();
  });

  test("every persona: dispatch and dial give the right outcome, webhooks, transcript and events", async () => {
    const sim = world.sim;
    const telephony = createLiveKitTelephony(liveKitConfig(sim.url), { pollIntervalMs: 10 });
    const personas = Object.keys(EXPECTED) as Persona[];
    const attempts = await Promise.all(
      personas.map(async (persona) => {
        const fixture = await createDebtor(db);
        sim.setPersona(fixture.phoneNumber, persona);
        const attemptId = await createCallAttempt(db, fixture);
        const result = await dialCallAttempt(db, telephony, attemptId, { script: SCRIPT });
        return { persona, attemptId, number: fixture.phoneNumber, result };
      }),
    );
    await sim.settled();

    for (const { persona, attemptId, number, result } of attempts) {
      const expected = EXPECTED[persona];
      const label = `${persona} (${number})`;
      assert.equal(sim.dialCount(number), 1, `${label}: dialled once`);
      assert.equal(result.status, expected.answered ? "answered" : "not_connected", label);
      const attempt = await db.callAttempt.findUniqueOrThrow({ where: { id: attemptId }, include: { transcript: true } });
      assert.equal(attempt.outcome, expected.outcome, `${label}: outcome`);
      const statuses = ([] as number[]).concat(expected.sipStatus);
      assert.ok(attempt.sipStatus !== null && statuses.includes(attempt.sipStatus), `${label}: SIP ${attempt.sipStatus}`);
      assert.ok(attempt.endedAt, `${label}: ended`);
      assert.equal(attempt.roomName, roomNameForAttempt(attemptId));

      const call = sim.calls.find((c) => c.roomName === roomNameForAttempt(attemptId));
      assert.ok(call, label);
      assert.ok(call.webhooks.length > 0 && call.webhooks.every((w) => w.status === 200), `${label}: webhooks ${JSON.stringify(call.webhooks)}`);
      assert.equal(call.webhooks.at(-1)?.event, "room_finished");

      const events = await db.outboxEvent.findMany({ where: { aggregateId: attemptId }, orderBy: { id: "asc" } });
      const ended = events.filter((e) => e.eventKey === EVENT.callEnded);
      assert.equal(ended.length, 1, `${label}: one call:ended`);
      assert.equal(ended[0]?.scope, SCOPE.attempt(attemptId));
      const endedPayload = CallEndedPayloadSchema.parse(ended[0]?.payload);

      if (!expected.answered) {
        assert.equal(endedPayload.source, "dial");
        assert.equal(attempt.transcript, null, `${label}: no transcript`);
        assert.equal(attempt.answeredAt, null);
        continue;
      }
      assert.ok(attempt.answeredAt, `${label}: answered`);
      assert.equal(endedPayload.source, "participant_left", `${label}: ${JSON.stringify(call.webhooks)}`);
      assert.match(attempt.recordingRef ?? "", /^sim:\/\/recordings\/recordings\/recourse-call-/, `${label}: recording`);
      assert.ok(attempt.transcript, `${label}: transcript`);
      assert.equal(attempt.transcript.disposition, expected.outcome);
      // A silent line hears nothing said; every other transcript is held to the call rules.
      if (persona === "silent") continue;
      const segments = TranscriptSegmentSchema.array().parse(attempt.transcript.segments);
      assertCompliantTranscript(persona, segments.map((s) => `${s.speaker}: ${s.text}`));
      const transcriptEvents = events.filter((e) => e.eventKey === EVENT.transcriptReceived);
      assert.equal(transcriptEvents.length, 1);
      assert.equal(TranscriptReceivedPayloadSchema.parse(transcriptEvents[0]?.payload).disposition, expected.outcome);
    }
  });

  test("a retried placeCall reuses the room and the SIP participant: the number is dialled once", async () => {
    const sim = await startSim(40);
    const telephony = createLiveKitTelephony(liveKitConfig(sim.url), { pollIntervalMs: 10 });
    const fixture = await createDebtor(db);
    sim.setPersona(fixture.phoneNumber, "promise_to_pay");
    const attemptId = await createCallAttempt(db, fixture);
    const dispatch = { attemptId } as never;
    const first = telephony.placeCall({ attemptId, phoneNumber: fixture.phoneNumber, dispatch });
    while (sim.dialCount(fixture.phoneNumber) === 0) await new Promise((r) => setTimeout(r, 5));
    // The step is retried while the first try is still ringing (a worker crash, a timeout).
    const retried = await telephony.placeCall({ attemptId, phoneNumber: fixture.phoneNumber, dispatch });
    const original = await first;
    assert.equal(original.status, "answered");
    assert.equal(original.reused, false);
    assert.equal(retried.status, "answered");
    assert.equal(retried.reused, true);
    assert.equal(sim.dialCount(fixture.phoneNumber), 1);
    await sim.settled();
  });

  test("a dial step retried after the call was recorded dials nothing", async () => {
    const sim = await startSim(2_000);
    const telephony = createLiveKitTelephony(liveKitConfig(sim.url), { pollIntervalMs: 10 });
    const fixture = await createDebtor(db);
    sim.setPersona(fixture.phoneNumber, "busy");
    const attemptId = await createCallAttempt(db, fixture);
    await dialCallAttempt(db, telephony, attemptId, { script: SCRIPT });
    const again = await dialCallAttempt(db, telephony, attemptId, { script: SCRIPT });
    assert.deepEqual(again, { status: "already_ended", outcome: "BUSY" });
    assert.equal(sim.dialCount(fixture.phoneNumber), 1);
    await sim.settled();
  });

  test("LiveKit refusing the request (4xx) is not retryable; an unreachable LiveKit is", async () => {
    const sim = await startSim(2_000);
    const fixture = await createDebtor(db);
    const attemptId = await createCallAttempt(db, fixture);
    const request = { attemptId, phoneNumber: fixture.phoneNumber, dispatch: { attemptId } as never };
    const wrongSecret = createLiveKitTelephony(liveKitConfig(sim.url, { apiSecret: "not-the-secret-not-the-secret-000" }));
    await assert.rejects(wrongSecret.placeCall(request), { name: "AppError", code: "UPSTREAM_REJECTED", retryable: false });
    const wrongTrunk = createLiveKitTelephony(liveKitConfig(sim.url, { sipTrunkId: "ST_unknown" }));
    await assert.rejects(wrongTrunk.placeCall(request), { name: "AppError", code: "UPSTREAM_REJECTED", retryable: false });
    assert.equal(sim.dialCount(fixture.phoneNumber), 0);
    const unreachable = createLiveKitTelephony(liveKitConfig("http://127.0.0.1:9"));
    await assert.rejects(unreachable.placeCall(request), { name: "AppError", code: "UPSTREAM_UNAVAILABLE", retryable: true });
  });
});

/**
 * COMPLIANCE.md §10 "Transcripts": AI and recording notices open the call, verification precedes
 * any debt detail, the mini-Miranda precedes the balance, voicemails follow the fixed template.
 */
function assertCompliantTranscript(persona: Persona, lines: string[]): void {
  const index = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));
  const debtDetail = index(/^agent: .*(balance|debt|owed)/i);
  if (persona === "voicemail") {
    assert.equal(lines.length, 2);
    assert.match(lines[1] ?? "", /^agent: Hello, this message is for .+\. This is Alex, an automated assistant with Northside Recovery\. Please call us back at \+15555550199\. Thank you\.$/);
    assert.equal(debtDetail, -1, "a voicemail never mentions a debt");
    return;
  }
  assert.match(lines[0] ?? "", /^agent: .*AI assistant, not a person.*This call is recorded\./);
  if (persona === "wrong_party" || persona === "hostile") {
    assert.equal(debtDetail, -1, `${persona}: no debt detail to an unverified person`);
    return;
  }
  const verified = index(/^consumer: It's /);
  const miranda = index(/^agent: .*(attempt to collect a debt|from a debt collector)/);
  const balance = index(/^agent: Our records show a balance/);
  assert.ok(verified > 0 && miranda > verified && balance > miranda, `${persona}: verification < mini-Miranda < balance in ${JSON.stringify(lines)}`);
}
