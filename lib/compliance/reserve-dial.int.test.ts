import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { recordCallOutcome } from "../calls/record-outcome";
import { createDb, type Db } from "../db";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { createAccount, createDialableDebtor } from "../testing/factories";
import { reserveDialAttempt } from "./reserve-dial";
import { DEFAULT_POLICY, type DenyReason } from "./types";

const NOON_NY = new Date("2026-09-15T16:00:00Z");
/** Only the legal limits bind: no spacing, no daily cap. */
const LIMITS_ONLY = { ...DEFAULT_POLICY, minGapMinutes: 0, maxAttemptsPerDebtPerDay: 100 };

describe("reserveDialAttempt: the dial-time transaction", () => {
  let database: TestDatabase;
  let db: Db;
  before(async () => {
    database = await createTestDatabase({ migrate: true });
    db = createDb(database.url, { max: 10 });
  });
  after(async () => {
    await db.$disconnect();
    await database.drop();
  });

  test("an allowed dial writes the attempt, its debts and an ALLOW decision together", async () => {
    const { debtor, phone, account } = await createDialableDebtor(db);
    const result = await reserveDialAttempt(db, { idempotencyKey: "step-allow-1", debtorId: debtor.id, phoneId: phone.id, accountIds: [account.id] }, { now: NOON_NY });
    assert.equal(result.status, "reserved");
    assert.ok(result.status === "reserved" && !result.replayed && result.mustEndBy?.toISOString() === "2026-09-16T01:00:00.000Z");
    const attempt = await db.callAttempt.findUniqueOrThrow({ where: { idempotencyKey: "step-allow-1" }, include: { debts: true } });
    assert.deepEqual(attempt.debts.map((d) => d.accountId), [account.id]);
    assert.equal(attempt.counted, true);
    const decision = await db.complianceDecision.findFirstOrThrow({ where: { attemptId: attempt.id } });
    assert.equal(decision.decision, "ALLOW");
    assert.equal((decision.snapshot as { phone: { number: string } }).phone.number, phone.number);
  });

  test("without a virtual clock the decision is taken at the database's time", async () => {
    const { debtor, phone, account } = await createDialableDebtor(db, { debtor: { timeZoneCandidates: [] } });
    const before = new Date(Date.now() - 5_000);
    const result = await reserveDialAttempt(db, { idempotencyKey: "step-db-clock", debtorId: debtor.id, phoneId: phone.id, accountIds: [account.id] });
    // No location signal: denied whatever the hour, and stamped with the database clock.
    assert.equal(result.status, "denied");
    const decision = await db.complianceDecision.findUniqueOrThrow({ where: { id: result.status === "denied" ? result.decisionId : "" } });
    assert.ok(decision.evaluatedAt >= before && decision.evaluatedAt.getTime() <= Date.now() + 5_000);
  });

  test("20 concurrent reservations for one debt never exceed 7 calls in 7 days", async () => {
    const { debtor, phone, account } = await createDialableDebtor(db);
    const request = (key: string) => ({ idempotencyKey: key, debtorId: debtor.id, phoneId: phone.id, accountIds: [account.id] });
    // Six unanswered calls on the six days before: room for exactly one more.
    for (let day = 6; day >= 1; day--) {
      const earlier = await reserveDialAttempt(db, request(`step-burst-before-${day}`), { now: new Date(NOON_NY.getTime() - day * 86_400_000), policy: LIMITS_ONLY });
      assert.equal(earlier.status, "reserved");
      await recordCallOutcome(db, earlier.status === "reserved" ? earlier.attemptId : "", "NO_ANSWER");
    }
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => reserveDialAttempt(db, request(`step-burst-${i}`), { now: NOON_NY, policy: LIMITS_ONLY })));
    assert.equal(results.filter((r) => r.status === "reserved").length, 1);
    const denials = results.filter((r) => r.status === "denied");
    assert.equal(denials.length, 19);
    for (const denial of denials) {
      // The 7th call is counted and, its outcome pending, may be a conversation.
      assert.deepEqual(denial.status === "denied" && denial.reasons.map((r) => r.code).sort(), ["QUIET_PERIOD", "SEVEN_IN_SEVEN"]);
      assert.equal(denial.status === "denied" && denial.nextAllowedAt?.toISOString(), "2026-09-22T12:00:00.000Z"); // Sep 22 08:00 EDT
      assert.equal(denial.status === "denied" && denial.linesBusy, false, "a rule, not a busy line, held it back");
    }
    assert.equal(await db.callAttempt.count({ where: { debtorId: debtor.id } }), 7);
    assert.equal(await db.complianceDecision.count({ where: { debtorId: debtor.id } }), 26);
  });

  test("a campaign's concurrency holds across people: 12 concurrent dials, 5 allowed at once, a slot frees when a call ends", async () => {
    const campaign = await db.campaign.create({ data: { name: "concurrency", status: "RUNNING", strategy: {}, segment: {}, concurrency: 5 } });
    const people = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const { debtor, phone, account } = await createDialableDebtor(db);
        const enrollment = await db.enrollment.create({ data: { campaignId: campaign.id, accountId: account.id } });
        return { debtor, phone, account, enrollment };
      }),
    );
    const dial = (person: (typeof people)[number], key: string, now: Date) =>
      reserveDialAttempt(
        db,
        { idempotencyKey: key, debtorId: person.debtor.id, phoneId: person.phone.id, accountIds: [person.account.id], enrollmentId: person.enrollment.id, campaignCaps: { concurrency: { campaignId: campaign.id, limit: 5 } } },
        { now, policy: LIMITS_ONLY },
      );
    const results = await Promise.all(people.map((person, i) => dial(person, `campaign-concurrency-${i}`, NOON_NY)));
    const reserved = results.filter((r) => r.status === "reserved");
    assert.equal(reserved.length, 5);
    // A dial over the cap wrote its attempt before counting, then rolled it back: only the five remain.
    const keys = people.map((_, i) => `campaign-concurrency-${i}`);
    assert.equal(await db.callAttempt.count({ where: { idempotencyKey: { in: keys } } }), 5);
    // Each decision records the calls it saw in progress (the auditor reads what the dial saw): the
    // five allowed saw 0–4 others, each denial saw all five.
    const decisions = await db.complianceDecision.findMany({ where: { enrollmentId: { in: people.map((p) => p.enrollment.id) } }, select: { decision: true, snapshot: true } });
    const seen = (decision: string) =>
      decisions
        .filter((d) => d.decision === decision)
        .map((d) => (d.snapshot as { campaign?: { concurrentCalls?: { limit: number; inProgress: number } } }).campaign?.concurrentCalls)
        .sort((a, b) => (a?.inProgress ?? -1) - (b?.inProgress ?? -1));
    assert.deepEqual(seen("ALLOW"), [0, 1, 2, 3, 4].map((inProgress) => ({ limit: 5, inProgress })));
    assert.deepEqual(seen("DENY"), Array.from({ length: 7 }, () => ({ limit: 5, inProgress: 5 })));
    for (const denial of results.filter((r) => r.status === "denied")) {
      assert.deepEqual(denial.status === "denied" && denial.reasons.map((r) => r.code), ["CAMPAIGN_CAP"]);
      assert.equal(denial.status === "denied" && denial.nextAllowedAt?.toISOString(), "2026-09-15T16:02:00.000Z");
      assert.equal(denial.status === "denied" && denial.linesBusy, true, "only the lines held it back: a call that ends can free one");
    }
    // One call ends: exactly one of the waiting people gets through two minutes later.
    await recordCallOutcome(db, reserved[0]!.status === "reserved" ? reserved[0]!.attemptId : "", "NO_ANSWER");
    const waiting = people.filter((_, i) => results[i]!.status === "denied");
    const later = new Date(NOON_NY.getTime() + 2 * 60_000);
    const second = await Promise.all(waiting.map((person, i) => dial(person, `campaign-concurrency-later-${i}`, later)));
    assert.equal(second.filter((r) => r.status === "reserved").length, 1);
    // Calls whose outcome never arrived stop holding slots once no call could still be live: the
    // four from noon are past it, the one from 12:02 still counts, so four of the six get through.
    const muchLater = new Date(NOON_NY.getTime() + (LIMITS_ONLY.maxCallMinutes + 6) * 60_000);
    const rest = waiting.filter((_, i) => second[i]!.status === "denied");
    const third = await Promise.all(rest.map((person, i) => dial(person, `campaign-concurrency-stale-${i}`, muchLater)));
    assert.equal(third.filter((r) => r.status === "reserved").length, 4);
  });

  test("with outcomes recorded as they come, concurrent dials still stop at 7 in 7 days", async () => {
    const { debtor, phone, account } = await createDialableDebtor(db);
    const results = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const result = await reserveDialAttempt(db, { idempotencyKey: `step-wave-${i}`, debtorId: debtor.id, phoneId: phone.id, accountIds: [account.id] }, { now: NOON_NY, policy: LIMITS_ONLY });
        if (result.status === "reserved") await recordCallOutcome(db, result.attemptId, "NO_ANSWER");
        return result;
      }),
    );
    const reserved = results.filter((r) => r.status === "reserved").length;
    assert.ok(reserved >= 1 && reserved <= 7, `${reserved} reserved`);
    assert.equal(await db.callAttempt.count({ where: { debtorId: debtor.id } }), reserved);
  });

  test("concurrent dials about different debts of one person serialize on the person (minimum gap)", async () => {
    const { debtor, phone, account } = await createDialableDebtor(db);
    const second = await createAccount(db, debtor.id);
    const results = await Promise.all(
      [account.id, second.id, account.id, second.id].map((accountId, i) => reserveDialAttempt(db, { idempotencyKey: `step-person-${i}`, debtorId: debtor.id, phoneId: phone.id, accountIds: [accountId] }, { now: NOON_NY })),
    );
    assert.equal(results.filter((r) => r.status === "reserved").length, 1);
    assert.ok(results.every((r) => r.status === "reserved" || r.reasons.some((reason) => reason.code === "MIN_GAP")));
  });

  test("a residential line without consent takes 3 AI calls per 30 days across people, even concurrently", async () => {
    const shared = "+14155550142";
    const people = await Promise.all(Array.from({ length: 5 }, () => createDialableDebtor(db, { phone: { number: shared, lineType: "LANDLINE", tcpaConsentAt: null } })));
    const results = await Promise.all(
      people.map(({ debtor, phone, account }, i) => reserveDialAttempt(db, { idempotencyKey: `step-line-${i}`, debtorId: debtor.id, phoneId: phone.id, accountIds: [account.id] }, { now: NOON_NY })),
    );
    assert.equal(results.filter((r) => r.status === "reserved").length, 3);
    assert.ok(results.every((r) => r.status === "reserved" || r.reasons.some((reason) => reason.code === "TCPA_RESIDENTIAL_LIMIT")));
  });

  test("a retried reservation with the same key returns the same attempt, also when the retries race", async () => {
    const { debtor, phone, account } = await createDialableDebtor(db);
    const request = { idempotencyKey: "step-retry", debtorId: debtor.id, phoneId: phone.id, accountIds: [account.id] };
    const results = await Promise.all(Array.from({ length: 5 }, () => reserveDialAttempt(db, request, { now: NOON_NY })));
    const later = await reserveDialAttempt(db, request, { now: new Date(NOON_NY.getTime() + 60_000) });
    const ids = new Set([...results, later].map((r) => (r.status === "reserved" ? r.attemptId : "denied")));
    assert.equal(ids.size, 1);
    assert.ok(!ids.has("denied"));
    assert.equal(later.status === "reserved" && later.replayed, true);
    assert.equal(later.status === "reserved" && later.mustEndBy?.toISOString(), "2026-09-16T01:00:00.000Z");
    assert.equal(await db.callAttempt.count({ where: { debtorId: debtor.id } }), 1);
    assert.equal(await db.complianceDecision.count({ where: { debtorId: debtor.id, decision: "ALLOW" } }), 1);
  });

  test("outcomes are set once and apply their consequence: stop calling blocks the next dial", async () => {
    const { debtor, phone, account } = await createDialableDebtor(db);
    const first = await reserveDialAttempt(db, { idempotencyKey: "step-outcome-1", debtorId: debtor.id, phoneId: phone.id, accountIds: [account.id] }, { now: NOON_NY });
    assert.equal(first.status, "reserved");
    const attemptId = first.status === "reserved" ? first.attemptId : "";
    const busy = await recordCallOutcome(db, attemptId, "BUSY", { sipStatus: 486 }, { now: NOON_NY });
    assert.deepEqual(busy, { recorded: true, outcome: "BUSY", counted: false, conversation: false });
    const duplicate = await recordCallOutcome(db, attemptId, "RIGHT_PARTY_CONTACT", {}, { now: NOON_NY });
    assert.deepEqual(duplicate, { recorded: false, outcome: "BUSY", counted: false, conversation: false });

    const second = await reserveDialAttempt(db, { idempotencyKey: "step-outcome-2", debtorId: debtor.id, phoneId: phone.id, accountIds: [account.id] }, { now: new Date(NOON_NY.getTime() + 3_600_000) });
    assert.equal(second.status, "reserved");
    await recordCallOutcome(db, second.status === "reserved" ? second.attemptId : "", "CEASE_REQUEST", {}, { now: new Date(NOON_NY.getTime() + 3_700_000) });
    assert.ok((await db.debtor.findUniqueOrThrow({ where: { id: debtor.id } })).stopCallingAt);
    const third = await reserveDialAttempt(db, { idempotencyKey: "step-outcome-3", debtorId: debtor.id, phoneId: phone.id, accountIds: [account.id] }, { now: new Date("2026-10-15T16:00:00Z") });
    assert.equal(third.status, "denied");
    const codes = third.status === "denied" ? third.reasons.map((r) => r.code).sort() : [];
    assert.deepEqual(codes, ["STOP_CALLING", "TCPA_NO_CONSENT"]);
    assert.equal(third.status === "denied" && third.nextAllowedAt, null);
    await assert.rejects(recordCallOutcome(db, "no-such-attempt", "BUSY"), /does not exist/);
  });

  test("a dispute pauses the debt; a callback opens a consent window that lifts the quiet period", async () => {
    const { debtor, phone, account } = await createDialableDebtor(db);
    const dial = (key: string, now: Date) => reserveDialAttempt(db, { idempotencyKey: key, debtorId: debtor.id, phoneId: phone.id, accountIds: [account.id] }, { now });
    const first = await dial("step-cb-1", NOON_NY);
    await recordCallOutcome(db, first.status === "reserved" ? first.attemptId : "", "CALLBACK_REQUESTED", {}, { now: new Date(NOON_NY.getTime() + 300_000) });
    const tomorrow = await dial("step-cb-2", new Date(NOON_NY.getTime() + 86_400_000));
    assert.equal(tomorrow.status, "reserved", "inside the consent window the quiet period does not apply");
    await recordCallOutcome(db, tomorrow.status === "reserved" ? tomorrow.attemptId : "", "DISPUTE", {}, { now: new Date(NOON_NY.getTime() + 86_700_000) });
    const after = await dial("step-cb-3", new Date(NOON_NY.getTime() + 10 * 86_400_000));
    assert.deepEqual(after.status === "denied" ? after.reasons.map((r) => r.code) : [], ["DISPUTE_PENDING"]);
  });

  test("ledger data the gate cannot read fails closed; MA comes from the number's area code too", async () => {
    const garbled = await createDialableDebtor(db, { debtor: { inconvenientTimes: [{ from: "lunch" }] } });
    const blocked = await reserveDialAttempt(db, { idempotencyKey: "step-garbled", debtorId: garbled.debtor.id, phoneId: garbled.phone.id, accountIds: [garbled.account.id] }, { now: NOON_NY });
    assert.deepEqual(blocked.status === "denied" ? blocked.reasons.map((r) => r.code) : [], ["INCONVENIENT_TIME"]);

    const movedFromBoston = await createDialableDebtor(db, { debtor: { state: "NY" }, phone: { number: "+16175550188" } });
    const dial = (key: string, now: Date) => reserveDialAttempt(db, { idempotencyKey: key, debtorId: movedFromBoston.debtor.id, phoneId: movedFromBoston.phone.id, accountIds: [movedFromBoston.account.id] }, { now });
    for (const [key, day] of [["step-ma-1", 0], ["step-ma-2", 1]] as const) {
      const placed = await dial(key, new Date(NOON_NY.getTime() + day * 86_400_000));
      assert.equal(placed.status, "reserved");
      await recordCallOutcome(db, placed.status === "reserved" ? placed.attemptId : "", "VOICEMAIL");
    }
    const third = await dial("step-ma-3", new Date(NOON_NY.getTime() + 2 * 86_400_000));
    assert.deepEqual(third.status === "denied" ? third.reasons.map((r) => r.code) : [], ["STATE_OVERLAY_LIMIT"]);
    await assert.rejects(reserveDialAttempt(db, { idempotencyKey: "step-foreign", debtorId: garbled.debtor.id, phoneId: movedFromBoston.phone.id, accountIds: [garbled.account.id] }), /not a number of debtor/);
  });

  test("every denial in the ledger carries a recorded reason", async () => {
    const denials = await db.complianceDecision.findMany({ where: { decision: "DENY" } });
    assert.ok(denials.length >= 15);
    for (const denial of denials) {
      const reasons = denial.reasons as unknown as DenyReason[];
      assert.ok(Array.isArray(reasons) && reasons.length > 0, `decision ${denial.id} has no reason`);
      for (const reason of reasons) assert.ok(reason.code && reason.rule && reason.detail);
    }
  });
});
