/**
 * Every persona the call simulator knows, each on its own journey, all running at once on one
 * engine (workflows/testing/journey-harness.ts): after the first call each journey must rest in
 * the right waiting or terminal state with the right records, and after the cadence and the
 * conversation's 7-day quiet period have passed, end where the rules send it.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { TERMINAL_STATUSES, type JourneyStatus } from "../lib/journey/status";
import { PERSONAS, type Persona } from "../sim/livekit/personas";
import { startJourneyHarness, type JourneyHarness } from "./testing/journey-harness";

interface Expectation {
  /** The first call's outcome (COMPLIANCE.md §9). */
  outcome: string;
  /** Where the journey rests after it. */
  after: JourneyStatus;
  /** Where it ends once 8 days have passed, and the calls it took (the campaign allows 2). */
  end: JourneyStatus;
  dials: number;
}

const RETRY: Pick<Expectation, "after" | "end" | "dials"> = { after: "WAITING_RETRY", end: "EXHAUSTED", dials: 2 };
/** The line is gone (bad or someone else's number): the next look finds nothing to dial. */
const NO_LINE: Pick<Expectation, "after" | "end" | "dials"> = { after: "WAITING_RETRY", end: "EXHAUSTED", dials: 1 };

const EXPECTED: Record<Persona, Expectation> = {
  no_answer: { outcome: "NO_ANSWER", ...RETRY },
  busy: { outcome: "BUSY", ...RETRY },
  invalid_number: { outcome: "NOT_IN_SERVICE", ...NO_LINE },
  declined: { outcome: "NO_ANSWER", ...RETRY },
  carrier_failure: { outcome: "CARRIER_ERROR", ...RETRY },
  voicemail: { outcome: "VOICEMAIL", ...RETRY },
  silent: { outcome: "ANSWERED_SILENT", ...RETRY },
  wrong_party: { outcome: "WRONG_PARTY", ...NO_LINE },
  // The money itself arrives through the provider's signed webhook (collection-journey.int.test.ts):
  // the journey waits three days for it, then (none came) calls again after the quiet period, and
  // once more waits for the second call's payment before handing over.
  pays_now: { outcome: "PAID_ON_CALL", after: "WAITING_PAYMENT", end: "EXHAUSTED", dials: 2 },
  promise_to_pay: { outcome: "PROMISE_TO_PAY", after: "PROMISE_PENDING", end: "EXHAUSTED", dials: 2 },
  disputes: { outcome: "DISPUTE", after: "DISPUTED", end: "DISPUTED", dials: 1 },
  // Said on a call, not written: 1006.6(c) does not stop contact.
  refuses: { outcome: "REFUSAL_TO_PAY", ...RETRY },
  stop_calling: { outcome: "CEASE_REQUEST", after: "CEASED", end: "CEASED", dials: 1 },
  callback: { outcome: "CALLBACK_REQUESTED", ...RETRY },
  hostile: { outcome: "UNVERIFIED_PERSON", ...RETRY },
  confused: { outcome: "RIGHT_PARTY_CONTACT", ...RETRY },
};

describe("every persona's journey, concurrently on one engine", { timeout: 300_000 }, () => {
  let h: JourneyHarness;
  before(async () => {
    h = await startJourneyHarness({ seed: 5 });
  });
  after(async () => {
    await h?.stop();
  });

  test("16 personas: the right outcome, resting state, records and end", async () => {
    assert.equal(PERSONAS.length, Object.keys(EXPECTED).length, "every persona has an expectation");
    const campaign = await h.db.campaign.create({ data: { name: "personas", status: "RUNNING", strategy: { maxAttempts: 2, retryDelayHours: 24 }, segment: {} } });
    const journeys = await Promise.all(PERSONAS.map(async (persona) => ({ persona, ...(await h.enroll(persona, { campaignId: campaign.id })) })));
    const statusOf = (id: string) => h.db.enrollment.findUniqueOrThrow({ where: { id } }).then((e) => e.journeyStatus as JourneyStatus);

    // Round 1: every journey has made its call and rests (ended, or asleep on its wait).
    await Promise.all(
      journeys.map((j) =>
        h.until(
          async () => {
            const status = await statusOf(j.enrollmentId);
            return status === EXPECTED[j.persona].after && (TERMINAL_STATUSES.has(status) || (await h.sleeping(j.ref)));
          },
          Boolean,
          `${j.persona} resting in ${EXPECTED[j.persona].after}`,
        ),
      ),
    );
    for (const j of journeys) {
      const expected = EXPECTED[j.persona];
      const attempts = await h.db.callAttempt.findMany({ where: { enrollmentId: j.enrollmentId }, include: { transcript: true, summary: true } });
      assert.deepEqual(attempts.map((a) => a.outcome), [expected.outcome], `${j.persona}: one call, ${expected.outcome}`);
      assert.equal(h.sim.dialCount(j.phone.number), 1, `${j.persona}: dialled once`);
      const attempt = attempts[0]!;
      assert.equal(await h.db.complianceDecision.count({ where: { attemptId: attempt.id, decision: "ALLOW" } }), 1, `${j.persona}: gated`);
      if (attempt.answeredAt && j.persona !== "silent") {
        assert.ok(attempt.transcript, `${j.persona}: transcript`);
        assert.equal(attempt.summary?.source, "OFFLINE_RULES", `${j.persona}: summarized`);
      }
    }
    const byPersona = Object.fromEntries(journeys.map((j) => [j.persona, j]));
    assert.equal((await h.db.promiseToPay.findFirstOrThrow({ where: { accountId: byPersona.promise_to_pay!.account.id } })).status, "PENDING");
    assert.ok((await h.db.account.findUniqueOrThrow({ where: { id: byPersona.disputes!.account.id } })).disputePendingAt, "the disputed debt is paused");
    assert.ok((await h.db.debtor.findUniqueOrThrow({ where: { id: byPersona.stop_calling!.debtor.id } })).stopCallingAt, "no more calls to who asked");
    assert.equal((await h.db.phone.findUniqueOrThrow({ where: { id: byPersona.invalid_number!.phone.id } })).status, "BAD_NUMBER");
    assert.equal((await h.db.phone.findUniqueOrThrow({ where: { id: byPersona.wrong_party!.phone.id } })).status, "WRONG_PARTY");

    // Round 2: past the cadence, the 7-day quiet period after a conversation and the promise's
    // grace. The promise's date is the simulator's (ten days after the call by its own calendar),
    // so where it ends depends on the day the test runs: read it, do not assume it.
    const promiseEnds = (await h.db.enrollment.findUniqueOrThrow({ where: { id: byPersona.promise_to_pay!.enrollmentId } })).nextActionAt;
    assert.ok(promiseEnds, "the promise's wait has an end");
    const quietPeriodEnds = h.harness.clock.now().getTime() + 8 * 86_400_000;
    await h.harness.advance(Math.max(quietPeriodEnds, promiseEnds.getTime() + 60_000) - h.harness.clock.now().getTime());
    // The second call's payment window: ends pays_now, after every other journey has ended.
    const slow = journeys.find((j) => j.persona === "pays_now")!;
    await Promise.all(journeys.filter((j) => j !== slow).map((j) => j.ref.output));
    await h.until(
      async () => h.sim.dialCount(slow.phone.number) === 2 && (await statusOf(slow.enrollmentId)) === "WAITING_PAYMENT" && (await h.sleeping(slow.ref)),
      Boolean,
      "pays_now waiting for its second call's payment",
    );
    await h.harness.advance("4d");
    const ends = await Promise.all(journeys.map((j) => j.ref.output));
    for (const [index, j] of journeys.entries()) {
      const expected = EXPECTED[j.persona];
      assert.equal(ends[index]!.status, expected.end, `${j.persona}: ends ${expected.end} (${ends[index]!.reason})`);
      assert.equal(await statusOf(j.enrollmentId), expected.end);
      assert.equal(h.sim.dialCount(j.phone.number), expected.dials, `${j.persona}: ${expected.dials} dial(s)`);
      assert.equal(await h.db.callAttempt.count({ where: { enrollmentId: j.enrollmentId } }), expected.dials);
    }
  });
});
