import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { CallDispatchMetadata } from "../contracts/call-dispatch";
import type { Db } from "../db";
import type { PlaceCallRequest, Telephony } from "../integrations/livekit/port";
import { createCallAttempt, createDebtor } from "../testing/call-factories";
import { useMigratedDb } from "../testing/migrated-db";
import { dialCallAttempt } from "./dial-attempt";

const suite = useMigratedDb();
let db: Db;
before(async () => {
  db = await suite.ready();
});

const SCRIPT = { id: "default-es", businessName: "Northside Recovery", callbackNumber: "+15555550199" };

/** A line that answers every call and remembers what the agent was dispatched with. */
function answeringLine(): Telephony & { dispatched: CallDispatchMetadata[] } {
  const dispatched: CallDispatchMetadata[] = [];
  return {
    dispatched,
    async placeCall(request: PlaceCallRequest) {
      dispatched.push(request.dispatch);
      return { status: "answered", roomName: `room-${request.attemptId}`, participantIdentity: "sip", sipCallId: "SCL_1", reused: false };
    },
  };
}

test("the agent is dispatched with the person, every debt of the call and the initial mini-Miranda, then the subsequent one after a conversation", async () => {
  const fixture = await createDebtor(db, { firstName: "Lucía", postalCode: null, accounts: 2, timeBarred: true, language: "es" });
  const line = answeringLine();
  const first = await createCallAttempt(db, fixture);
  assert.equal((await dialCallAttempt(db, line, first, { script: SCRIPT })).status, "answered");
  const debtor = await db.debtor.findUniqueOrThrow({ where: { id: fixture.debtorId } });
  assert.deepEqual(line.dispatched[0], {
    attemptId: first,
    account: {
      debtorId: fixture.debtorId,
      firstName: "Lucía",
      lastName: debtor.lastName,
      postalCode: null,
      accounts: [...fixture.accountIds].sort().map((accountId) => ({ accountId, creditor: "Northwind Bank", balanceCents: 123_456, currency: "USD", timeBarred: true })),
    },
    script: { ...SCRIPT, language: "es" },
    disclosures: { aiVoice: true, recordingNotice: true, miniMiranda: "initial" },
  });
  const answered = await db.callAttempt.findUniqueOrThrow({ where: { id: first } });
  assert.deepEqual([answered.roomName, answered.sipStatus, answered.answeredAt !== null], [`room-${first}`, 200, true]);

  // That call was a conversation: the next one says only that it is from a debt collector.
  await db.callAttempt.update({ where: { id: first }, data: { conversation: true, endedAt: new Date(), outcome: "RIGHT_PARTY_CONTACT" } });
  const second = await createCallAttempt(db, fixture);
  await dialCallAttempt(db, line, second, { script: SCRIPT });
  assert.equal(line.dispatched[1]?.disclosures.miniMiranda, "subsequent");
  // An attempt already over is not dialled again; one that does not exist is NOT_FOUND.
  assert.deepEqual(await dialCallAttempt(db, line, first, { script: SCRIPT }), { status: "already_ended", outcome: "RIGHT_PARTY_CONTACT" });
  assert.equal(line.dispatched.length, 2);
  await assert.rejects(dialCallAttempt(db, line, "no-such-attempt", { script: SCRIPT }), /No call attempt has this id/);
});
