import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { recordCallOutcome } from "../calls/record-outcome";
import { CALL_OUTCOMES, type CallOutcome } from "../contracts/call-outcome";
import type { Db } from "../db";
import { pick, seededRandom } from "../seed/random";
import { useMigratedDb } from "../testing/migrated-db";
import { createAccount, createDialableDebtor } from "../testing/factories";
import { auditLedger } from "./audit";
import { reserveDialAttempt } from "./reserve-dial";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Mostly no contact, some conversations: a mix that keeps people dialable (stops are tested elsewhere). */
const OUTCOME_MIX: CallOutcome[] = [
  ...Array<CallOutcome>(6).fill("NO_ANSWER"), ...Array<CallOutcome>(4).fill("VOICEMAIL"), ...Array<CallOutcome>(3).fill("BUSY"),
  "CARRIER_ERROR", "ANSWERED_SILENT", "RIGHT_PARTY_CONTACT", "PROMISE_TO_PAY", "CALLBACK_REQUESTED", "UNVERIFIED_PERSON",
];

describe("auditLedger: the independent auditor", () => {
  const suite = useMigratedDb();
  let db: Db;
  before(async () => {
    db = await suite.ready();
  });

  test("a 3-week ledger written only through the gate has zero violations", async (t) => {
    const random = seededRandom(7);
    const sharedLandline = "+14155550177";
    const people = [
      await createDialableDebtor(db),
      await createDialableDebtor(db, { debtor: { state: "MA" }, phone: { number: "+16175550123" } }),
      await createDialableDebtor(db, { debtor: { state: "CA", timeZoneCandidates: ["America/New_York", "America/Los_Angeles"] }, phone: { number: sharedLandline, lineType: "LANDLINE", tcpaConsentAt: null } }),
      await createDialableDebtor(db, { debtor: { state: null, timeZoneCandidates: ["America/Chicago"] }, phone: { number: sharedLandline, lineType: "LANDLINE", tcpaConsentAt: null } }),
      await createDialableDebtor(db, { debtor: { inconvenientTimes: [{ start: "12:00", end: "14:00" }] }, phone: { lineType: "UNKNOWN" } }),
    ];
    const second = await createAccount(db, people[1]!.debtor.id);
    let placed = 0;
    let denied = 0;
    const start = new Date("2026-10-20T00:00:00Z").getTime(); // spans the Nov 1 DST change
    for (let tick = start; tick < start + 21 * DAY; tick += 100 * 60_000) {
      // 05:00-11:00 UTC is night in every US zone: nothing to learn there but a denial.
      if (new Date(tick).getUTCHours() >= 5 && new Date(tick).getUTCHours() < 11 && tick % (3 * 100 * 60_000) !== 0) continue;
      for (const [i, { debtor, phone, account }] of people.entries()) {
        const accountIds = i === 1 ? [account.id, second.id] : [account.id];
        const now = new Date(tick + i * 60_000);
        const result = await reserveDialAttempt(db, { idempotencyKey: `sim-${tick}-${i}`, debtorId: debtor.id, phoneId: phone.id, accountIds }, { now });
        if (result.status === "denied") {
          denied += 1;
          continue;
        }
        placed += 1;
        const outcome = pick(random, OUTCOME_MIX);
        const endedAt = new Date(now.getTime() + Math.floor(random() * 15) * 60_000);
        await recordCallOutcome(db, result.attemptId, outcome, { endedAt, ...(outcome === "CALLBACK_REQUESTED" ? { callbackUntil: new Date(now.getTime() + 3 * DAY) } : {}) }, { now: endedAt });
        // A retried step never dials twice.
        const retry = await reserveDialAttempt(db, { idempotencyKey: `sim-${tick}-${i}`, debtorId: debtor.id, phoneId: phone.id, accountIds }, { now: endedAt });
        assert.equal(retry.status === "reserved" && retry.attemptId, result.attemptId);
      }
    }
    const report = await auditLedger(db);
    const denials = await db.complianceDecision.findMany({ where: { decision: "DENY" }, select: { reasons: true } });
    const tally: Record<string, number> = {};
    for (const d of denials) for (const r of d.reasons as { code: string }[]) tally[r.code] = (tally[r.code] ?? 0) + 1;
    t.diagnostic(JSON.stringify(tally));
    t.diagnostic(`${placed} calls placed, ${denied} dials denied, ${report.violations.length} violations`);
    assert.deepEqual(report.violations, []);
    assert.equal(report.attempts, placed);
    assert.equal(report.decisions, placed + denied);
    assert.ok(placed >= 30 && denied > placed, `placed ${placed}, denied ${denied}`);
    assert.ok(CALL_OUTCOMES.length > 0);
  });

  test("finds exactly the planted violations", async () => {
    const planted: string[] = [];
    async function plant(kind: string | null, who: Awaited<ReturnType<typeof createDialableDebtor>>, at: string, options: { counted?: boolean; conversation?: boolean; ungated?: boolean; endedAt?: string } = {}) {
      const attempt = await db.callAttempt.create({
        data: {
          debtorId: who.debtor.id, phoneId: who.phone.id, phoneNumber: who.phone.number, idempotencyKey: `plant-${planted.length}-${Math.random()}`,
          placedAt: new Date(at), endedAt: options.endedAt ? new Date(options.endedAt) : null, counted: options.counted ?? true, conversation: options.conversation ?? false,
          debts: { create: [{ accountId: who.account.id }] },
        },
      });
      if (!options.ungated) await db.complianceDecision.create({ data: { debtorId: who.debtor.id, accountIds: [who.account.id], attemptId: attempt.id, decision: "ALLOW", evaluatedAt: new Date(at), snapshot: {} } });
      if (kind) planted.push(`${kind}:${attempt.id}`);
      return attempt;
    }
    const frequent = await createDialableDebtor(db);
    for (let i = 0; i < 8; i++) await plant(i === 7 ? "SEVEN_IN_SEVEN" : null, frequent, `2026-04-0${1 + Math.floor(i / 2)}T${i % 2 ? "18" : "14"}:00:00Z`);
    const talked = await createDialableDebtor(db);
    await plant(null, talked, "2026-08-14T18:00:00Z", { conversation: true });
    await plant("QUIET_PERIOD", talked, "2026-08-16T18:00:00Z");
    await plant("CALLING_HOURS", await createDialableDebtor(db), "2026-08-15T02:00:00Z"); // 22:00 EDT
    await plant("CALLING_HOURS", await createDialableDebtor(db), "2026-08-15T00:50:00Z", { endedAt: "2026-08-15T01:05:00Z" }); // ran past 21:00
    await plant("AFTER_STOP_FLAG", await createDialableDebtor(db, { debtor: { stopCallingAt: new Date("2026-09-01T00:00:00Z") } }), "2026-09-02T15:00:00Z");
    await plant("DISPUTED_DEBT", await createDialableDebtor(db, { account: { disputePendingAt: new Date("2026-09-01T00:00:00Z") } }), "2026-09-02T15:00:00Z");
    await plant("TCPA_NO_CONSENT", await createDialableDebtor(db, { phone: { tcpaConsentAt: null } }), "2026-09-02T15:00:00Z");
    await plant("TCPA_NO_CONSENT", await createDialableDebtor(db, { phone: { consentRevokedAt: new Date("2026-09-01T00:00:00Z") } }), "2026-09-02T15:00:00Z");
    for (let i = 0; i < 4; i++) {
      const household = await createDialableDebtor(db, { phone: { number: "+14155550199", lineType: "LANDLINE", tcpaConsentAt: null } });
      await plant(i === 3 ? "TCPA_RESIDENTIAL_LIMIT" : null, household, `2026-09-0${2 + i * 2}T17:00:00Z`);
    }
    const ma = await createDialableDebtor(db, { debtor: { state: "MA" } });
    for (let i = 0; i < 3; i++) await plant(i === 2 ? "STATE_OVERLAY" : null, ma, `2026-09-0${2 + i * 2}T15:00:00Z`);
    const twice = await createDialableDebtor(db);
    await plant(null, twice, "2026-09-02T15:00:00Z");
    await plant("DUPLICATE_DIAL", twice, "2026-09-02T15:00:20Z");
    await plant("UNGATED_DIAL", await createDialableDebtor(db), "2026-09-02T15:00:00Z", { ungated: true });
    const blocked = await createDialableDebtor(db);
    const silent = await db.complianceDecision.create({ data: { debtorId: blocked.debtor.id, accountIds: [blocked.account.id], decision: "DENY", reasons: [], evaluatedAt: new Date(), snapshot: {} } });
    const vague = await db.complianceDecision.create({ data: { debtorId: blocked.debtor.id, accountIds: [blocked.account.id], decision: "DENY", reasons: [{ code: "MIN_GAP", rule: "", detail: "x" }], evaluatedAt: new Date(), snapshot: {} } });
    planted.push(`DENIAL_WITHOUT_REASON:${silent.id}`, `DENIAL_WITHOUT_REASON:${vague.id}`);

    const report = await auditLedger(db);
    const found = report.violations.map((v) => `${v.kind}:${v.attemptId ?? v.decisionId}`);
    assert.deepEqual(found.sort(), planted.sort());
    assert.ok(report.violations.every((v) => v.rule && v.detail && v.debtorId));
  });
});
