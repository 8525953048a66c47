import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { evaluateDialGate } from "./gate";
import type { GateInput, GateResult } from "./types";
import { call, conversation, debt, gateInput, person, phone } from "../testing/gate-input";

const NY = "America/New_York";

function codes(result: GateResult): string[] {
  return result.allow ? [] : [...new Set(result.reasons.map((r) => r.code))].sort();
}

function denied(result: GateResult): Extract<GateResult, { allow: false }> {
  assert.equal(result.allow, false, "expected a denial");
  return result as Extract<GateResult, { allow: false }>;
}

/** The next allowed instant really is allowed, and a minute before it is not. */
function assertNextAllowedIsExact(input: GateInput, result: GateResult): void {
  const next = denied(result).nextAllowedAt;
  assert.ok(next, "expected a next allowed instant");
  assert.equal(evaluateDialGate({ ...input, now: next }).allow, true, `allowed at ${next.toISOString()}`);
  const before = new Date(next.getTime() - 60_000);
  if (before > input.now) assert.equal(evaluateDialGate({ ...input, now: before }).allow, false, `denied at ${before.toISOString()}`);
}

describe("compliance gate: golden cases of COMPLIANCE.md §10", () => {
  test("7 calls Apr 1-7 pass; an 8th fails until Apr 8 08:00 (1006.14(b)(2)(i)(A))", () => {
    const history = [1, 2, 3, 4, 5, 6].map((d) => call(`2026-04-0${d}T14:00:00Z`)); // 10:00 EDT
    const seventh = gateInput({ now: "2026-04-07T14:00:00Z", history });
    assert.deepEqual(evaluateDialGate(seventh), { allow: true, mustEndBy: new Date("2026-04-08T01:00:00Z") });

    const eighthInput = gateInput({ now: "2026-04-07T19:00:00Z", history: [...history, call("2026-04-07T14:00:00Z")] });
    const eighth = evaluateDialGate(eighthInput);
    assert.deepEqual(codes(eighth), ["SEVEN_IN_SEVEN"]);
    assert.equal(denied(eighth).nextAllowedAt?.toISOString(), "2026-04-08T12:00:00.000Z"); // Apr 1 leaves the window; 08:00 EDT
    assertNextAllowedIsExact(eighthInput, eighth);
  });

  test("not-connected calls (busy, not in service) are not counted (1006.14(b)(3)(ii))", () => {
    const history = [1, 2, 3, 4, 5, 6, 7].map((d) => call(`2026-04-0${d}T14:00:00Z`, { outcome: "BUSY", counted: false }));
    assert.equal(evaluateDialGate(gateInput({ now: "2026-04-07T19:00:00Z", history })).allow, true);
  });

  test("an Aug 14 conversation blocks calls until Aug 21 (Cmt. 14(b)(2)(ii)-1.ii)", () => {
    const input = gateInput({ now: "2026-08-20T23:00:00Z", history: [conversation("2026-08-14T18:00:00Z")] });
    const result = evaluateDialGate(input);
    assert.deepEqual(codes(result), ["QUIET_PERIOD"]);
    assert.equal(denied(result).nextAllowedAt?.toISOString(), "2026-08-21T12:00:00.000Z");
    assertNextAllowedIsExact(input, result);
    assert.equal(evaluateDialGate({ ...input, now: new Date("2026-08-21T12:00:00Z") }).allow, true);
  });

  test("an inbound conversation starts the quiet period without being a counted call (Cmt. 14(b)(2)(i)-1.ii)", () => {
    const inbound = conversation("2026-08-14T18:00:00Z", { direction: "INBOUND", outcome: "INBOUND_CONVERSATION", counted: false });
    assert.deepEqual(codes(evaluateDialGate(gateInput({ now: "2026-08-17T15:00:00Z", history: [inbound] }))), ["QUIET_PERIOD"]);
  });

  test("a call whose outcome is not recorded yet may have been a conversation: no further call until it is", () => {
    const pending = call("2026-08-14T18:00:00Z", { outcome: null });
    const input = gateInput({ now: "2026-08-15T15:00:00Z", history: [pending] });
    assert.deepEqual(codes(evaluateDialGate(input)), ["QUIET_PERIOD"]);
    assert.equal(evaluateDialGate({ ...input, history: [{ ...pending, outcome: "NO_ANSWER" }] }).allow, true);
  });

  test("a Jun 4 consent excludes calls through Jun 10 (Cmt. 14(b)(3)(i)-2)", () => {
    const consent = { receivedAt: new Date("2026-06-04T13:00:00Z"), endsAt: null, revokedAt: null };
    const history = [4, 5, 6, 7, 8, 9, 10].map((d) => call(`2026-06-${String(d).padStart(2, "0")}T14:00:00Z`));
    const withConsent = gateInput({ now: "2026-06-11T16:00:00Z", debts: [debt("debt-1", { consent })], history: [...history, call("2026-06-11T13:00:00Z")] });
    assert.equal(evaluateDialGate(withConsent).allow, true, "Jun 5-10 are excluded: 1 counted call in Jun 5-11");
    const withoutConsent = { ...withConsent, debts: [debt("debt-1")] };
    assert.deepEqual(codes(evaluateDialGate(withoutConsent)), ["SEVEN_IN_SEVEN"]);
    // Inside the window even an 8th call that day-range is allowed: the call itself is excluded.
    assert.equal(evaluateDialGate({ ...withConsent, now: new Date("2026-06-10T19:00:00Z"), history }).allow, true);
  });

  test("a callback consent lifts the quiet period; the next conversation ends the window", () => {
    const talk = conversation("2026-06-04T14:00:00Z", { outcome: "CALLBACK_REQUESTED" });
    const consent = { receivedAt: new Date("2026-06-04T14:05:00Z"), endsAt: null, revokedAt: null };
    const input = gateInput({ now: "2026-06-05T14:00:00Z", debts: [debt("debt-1", { consent })], history: [talk] });
    assert.equal(evaluateDialGate(input).allow, true);
    const afterCallback = { ...input, now: new Date("2026-06-06T14:00:00Z"), history: [talk, conversation("2026-06-05T14:00:00Z")] };
    const result = evaluateDialGate(afterCallback);
    assert.deepEqual(codes(result), ["QUIET_PERIOD"]);
    assert.equal(denied(result).nextAllowedAt?.toISOString(), "2026-06-12T12:00:00.000Z");
  });

  test("a revoked or shorter consent ends the window early", () => {
    const history = [5, 6, 7, 8, 9, 10].map((d) => call(`2026-06-${String(d).padStart(2, "0")}T14:00:00Z`));
    const revoked = { receivedAt: new Date("2026-06-04T13:00:00Z"), endsAt: null, revokedAt: new Date("2026-06-07T00:00:00Z") };
    const input = gateInput({ now: "2026-06-10T19:00:00Z", debts: [debt("debt-1", { consent: revoked })], history: [...history, call("2026-06-04T14:00:00Z")] });
    assert.equal(evaluateDialGate(input).allow, true, "Jun 4-6 excluded, 4 counted");
    const shorter = { receivedAt: new Date("2026-06-04T13:00:00Z"), endsAt: new Date("2026-06-04T13:30:00Z"), revokedAt: null };
    assert.deepEqual(codes(evaluateDialGate({ ...input, debts: [debt("debt-1", { consent: shorter })] })), ["SEVEN_IN_SEVEN"]);
  });

  test("Cmt. 14(b)(4): each debt is counted on its own; a conversation counts toward each debt discussed", () => {
    const medical = [1, 2, 3, 4, 5, 6, 7].map((d) => call(`2026-04-0${d}T14:00:00Z`, { debtIds: ["medical"] }));
    const card = gateInput({ now: "2026-04-07T19:00:00Z", debts: [debt("card")], history: medical });
    assert.equal(evaluateDialGate(card).allow, true, "7 calls about the medical debt do not limit the card debt");
    assert.deepEqual(codes(evaluateDialGate({ ...card, debts: [debt("medical")] })), ["SEVEN_IN_SEVEN"]);
    assert.deepEqual(codes(evaluateDialGate({ ...card, debts: [debt("card"), debt("medical")] })), ["SEVEN_IN_SEVEN"], "a call about both needs both to be clear");

    const both = conversation("2026-05-04T15:00:00Z", { debtIds: ["medical", "card"] });
    for (const id of ["medical", "card"]) {
      assert.deepEqual(codes(evaluateDialGate(gateInput({ now: "2026-05-06T15:00:00Z", debts: [debt(id)], history: [both] }))), ["QUIET_PERIOD"]);
    }
    assert.equal(evaluateDialGate(gateInput({ now: "2026-05-06T15:00:00Z", debts: [debt("auto")], history: [both] })).allow, true);
  });

  test("Cmt. 6(b)(1)(i)-2: an Eastern mobile with a Pacific address gives 11:00-21:00 ET", () => {
    const both = person({ timeZoneCandidates: ["America/New_York", "America/Los_Angeles"] });
    const at = (iso: string) => evaluateDialGate(gateInput({ now: iso, person: both }));
    const early = gateInput({ now: "2026-09-15T14:30:00Z", person: both }); // 10:30 ET, 07:30 PT
    const result = evaluateDialGate(early);
    assert.deepEqual(codes(result), ["OUTSIDE_CALLING_HOURS"]);
    assert.equal(denied(result).nextAllowedAt?.toISOString(), "2026-09-15T15:00:00.000Z"); // 11:00 ET
    assertNextAllowedIsExact(early, result);
    assert.equal(at("2026-09-15T15:00:00Z").allow, true);
    assert.equal(at("2026-09-16T00:45:00Z").allow, true, "20:45 ET: a 15-min call ends at 21:00");
    assert.deepEqual(codes(at("2026-09-16T00:46:00Z")), ["OUTSIDE_CALLING_HOURS"], "it would run past 21:00 ET");
    const allowed = at("2026-09-15T18:00:00Z");
    assert.equal(allowed.allow && allowed.mustEndBy.toISOString(), "2026-09-16T01:00:00.000Z");
  });

  test("no location signal: never dial", () => {
    const result = evaluateDialGate(gateInput({ now: "2026-09-15T16:00:00Z", person: person({ timeZoneCandidates: [] }) }));
    assert.deepEqual(codes(result), ["NO_LOCATION_SIGNAL"]);
    assert.equal(denied(result).nextAllowedAt, undefined);
    assert.deepEqual(codes(evaluateDialGate(gateInput({ now: "2026-09-15T16:00:00Z", person: person({ timeZoneCandidates: ["Mars/Olympus"] }) }))), ["NO_LOCATION_SIGNAL"]);
  });

  test("DST: 08:00 moves from 13:00Z to 12:00Z at spring-forward and back at fall-back", () => {
    const spring = gateInput({ now: "2026-03-07T12:30:00Z" }); // Sat 07:30 EST
    assert.equal(denied(evaluateDialGate(spring)).nextAllowedAt?.toISOString(), "2026-03-07T13:00:00.000Z");
    assert.equal(evaluateDialGate(gateInput({ now: "2026-03-08T12:30:00Z" })).allow, true, "Sun 08:30 EDT");
    const fall = gateInput({ now: "2026-11-01T12:30:00Z" }); // 07:30 EST
    assert.equal(denied(evaluateDialGate(fall)).nextAllowedAt?.toISOString(), "2026-11-01T13:00:00.000Z");
    assert.equal(evaluateDialGate(gateInput({ now: "2026-10-31T12:30:00Z" })).allow, true, "Sat 08:30 EDT");
    // Evening: the last dial for a 15-min call is 20:45 local either side of the change.
    assert.equal(evaluateDialGate(gateInput({ now: "2026-11-02T01:45:00Z" })).allow, true, "Nov 1 20:45 EST");
    assert.equal(evaluateDialGate(gateInput({ now: "2026-11-01T00:46:00Z" })).allow, false, "Oct 31 20:46 EDT");
  });

  test("DST: the quiet period and the 7-day window count local days across the change", () => {
    const talk = conversation("2026-03-06T04:30:00Z"); // Mar 5 23:30 EST
    const input = gateInput({ now: "2026-03-11T15:00:00Z", history: [talk] });
    assert.equal(denied(evaluateDialGate(input)).nextAllowedAt?.toISOString(), "2026-03-12T12:00:00.000Z"); // Mar 12 08:00 EDT
    // Late-evening calls are on the local day, not the UTC one.
    const calls = ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07"].map((d) => call(`${d}T23:30:00Z`)); // 18:30 EST
    const sunday = gateInput({ now: "2026-03-08T16:00:00Z", history: [...calls, call("2026-03-09T00:30:00Z")] }); // Mar 8 20:30 EDT is a Mar 9 UTC instant
    assert.deepEqual(codes(evaluateDialGate({ ...sunday, now: new Date("2026-03-09T00:40:00Z") })), ["MIN_GAP", "SEVEN_IN_SEVEN"]);
    assert.equal(denied(evaluateDialGate({ ...sunday, now: new Date("2026-03-09T00:40:00Z") })).nextAllowedAt?.toISOString(), "2026-03-09T12:00:00.000Z");
  });
});

describe("compliance gate: other rules", () => {
  const now = "2026-09-15T16:00:00Z"; // Tue 12:00 EDT

  test("every stop flag blocks with its citation and no next allowed instant", () => {
    const flagged = person({ ceaseCommunicationAt: new Date("2026-09-01T00:00:00Z"), stopCallingAt: new Date("2026-09-02T00:00:00Z"), attorneyRepresentedAt: new Date("2026-09-03T00:00:00Z"), bankruptcyAt: new Date("2026-09-04T00:00:00Z"), deceasedAt: new Date("2026-09-05T00:00:00Z"), refusedToPayAt: new Date("2026-09-06T00:00:00Z"), doNotCall: true });
    const result = denied(evaluateDialGate(gateInput({ now, person: flagged })));
    assert.deepEqual(codes(result), ["ATTORNEY_REPRESENTED", "BANKRUPTCY", "CEASE_COMMUNICATION", "DECEASED", "DO_NOT_CALL", "REFUSED_TO_PAY", "STOP_CALLING"]);
    assert.equal(result.nextAllowedAt, undefined);
    assert.ok(result.reasons.every((r) => r.rule.length > 0 && r.detail.length > 0));
  });

  test("per-number stop, bad numbers, disputes and closed debts block", () => {
    assert.deepEqual(codes(evaluateDialGate(gateInput({ now, phone: phone({ status: "STOP_CALLING" }) }))), ["PHONE_NOT_DIALLABLE"]);
    assert.deepEqual(codes(evaluateDialGate(gateInput({ now, debts: [debt("d", { disputePendingAt: new Date(now) })] }))), ["DISPUTE_PENDING"]);
    assert.deepEqual(codes(evaluateDialGate(gateInput({ now, debts: [debt("d", { status: "PAID" })] }))), ["ACCOUNT_NOT_ACTIVE"]);
    assert.deepEqual(codes(evaluateDialGate(gateInput({ now, debts: [] }))), ["NO_DEBTS"]);
  });

  test("TCPA: AI-voice calls to wireless or unknown lines need consent; revocation removes it", () => {
    for (const lineType of ["CELL", "UNKNOWN", "VOIP"] as const) {
      assert.deepEqual(codes(evaluateDialGate(gateInput({ now, phone: phone({ lineType, tcpaConsentAt: null }) }))), ["TCPA_NO_CONSENT"]);
    }
    const revoked = phone({ consentRevokedAt: new Date("2026-09-01T00:00:00Z") });
    assert.deepEqual(codes(evaluateDialGate(gateInput({ now, phone: revoked }))), ["TCPA_NO_CONSENT"]);
    const humanCall = gateInput({ now, phone: phone({ tcpaConsentAt: null }), policy: { ...gateInput({ now }).policy, artificialVoice: false } });
    assert.equal(evaluateDialGate(humanCall).allow, true);
  });

  test("TCPA: a residential line without consent takes 3 AI-voice calls per 30 days, across all people", () => {
    const landline = phone({ lineType: "LANDLINE", tcpaConsentAt: null });
    const lineHistory = ["2026-08-20T15:00:00Z", "2026-09-01T15:00:00Z", "2026-09-10T15:00:00Z"].map((t) => ({ placedAt: new Date(t) }));
    const input = gateInput({ now, phone: landline, lineHistory });
    const result = evaluateDialGate(input);
    assert.deepEqual(codes(result), ["TCPA_RESIDENTIAL_LIMIT"]);
    assert.equal(denied(result).nextAllowedAt?.toISOString(), "2026-09-19T15:00:00.000Z"); // Aug 20 + 30 days
    assertNextAllowedIsExact(input, result);
    assert.equal(evaluateDialGate({ ...input, lineHistory: lineHistory.slice(1) }).allow, true);
  });

  test("Massachusetts: 2 connected calls per 7 days to a personal number, 2 per 30 days to a work one", () => {
    const ma = person({ candidateStates: ["MA"] });
    const history = [call("2026-09-10T15:00:00Z"), call("2026-09-14T15:00:00Z", { outcome: "VOICEMAIL" })];
    const input = gateInput({ now, person: ma, history });
    const result = evaluateDialGate(input);
    assert.deepEqual(codes(result), ["STATE_OVERLAY_LIMIT"]);
    assert.equal(denied(result).nextAllowedAt?.toISOString(), "2026-09-17T12:00:00.000Z"); // Sep 10 leaves on Sep 17, 08:00 EDT
    assertNextAllowedIsExact(input, result);
    const work = { ...input, phone: phone({ usage: "work" }) };
    assert.equal(denied(evaluateDialGate(work)).nextAllowedAt?.toISOString(), "2026-10-10T12:00:00.000Z");
    assert.equal(evaluateDialGate({ ...input, person: person({ candidateStates: ["NY"] }) }).allow, true, "not in MA");
    assert.deepEqual(codes(evaluateDialGate({ ...input, person: person({ candidateStates: [] }) })), ["STATE_OVERLAY_LIMIT"], "state unknown: every overlay");
    const busy = [call("2026-09-10T15:00:00Z", { outcome: "BUSY", counted: false }), call("2026-09-14T15:00:00Z")];
    assert.equal(evaluateDialGate({ ...input, history: busy }).allow, true, "a busy signal is not a connected call");
  });

  test("inconvenient times are hard blocks for the whole call, until lifted", () => {
    const lunch = person({ inconvenientTimes: [{ start: "12:00", end: "13:00", note: "at work" }] });
    const input = gateInput({ now: "2026-09-15T15:50:00Z", person: lunch }); // 11:50: a 15-min call would run into it
    const result = evaluateDialGate(input);
    assert.deepEqual(codes(result), ["INCONVENIENT_TIME"]);
    assert.equal(denied(result).nextAllowedAt?.toISOString(), "2026-09-15T17:00:00.000Z");
    assertNextAllowedIsExact(input, result);
    assert.equal(evaluateDialGate({ ...input, now: new Date("2026-09-15T15:45:00Z") }).allow, true, "ends exactly at 12:00");
    const lifted = person({ inconvenientTimes: [{ start: "12:00", end: "13:00", liftedAt: "2026-09-01T00:00:00Z" }] });
    assert.equal(evaluateDialGate({ ...input, person: lifted }).allow, true);
    const weekends = person({ inconvenientTimes: [{ start: "00:00", end: "00:00", days: [0, 6] }] });
    const saturday = gateInput({ now: "2026-09-19T16:00:00Z", person: weekends });
    assert.equal(denied(evaluateDialGate(saturday)).nextAllowedAt?.toISOString(), "2026-09-21T12:00:00.000Z", "Monday 08:00");
    const nights = person({ inconvenientTimes: [{ start: "19:00", end: "10:00", zone: "America/Chicago" }] });
    assert.equal(denied(evaluateDialGate(gateInput({ now: "2026-09-15T13:00:00Z", person: nights }))).nextAllowedAt?.toISOString(), "2026-09-15T15:00:00.000Z");
  });

  test("spacing: a minimum gap and a daily cap per debt", () => {
    const input = gateInput({ now: "2026-09-15T16:10:00Z", history: [call("2026-09-15T16:00:00Z")] });
    const gap = evaluateDialGate(input);
    assert.deepEqual(codes(gap), ["MIN_GAP"]);
    assert.equal(denied(gap).nextAllowedAt?.toISOString(), "2026-09-15T16:30:00.000Z");
    const three = ["13:00", "14:00", "15:00"].map((t) => call(`2026-09-15T${t}:00Z`, { outcome: "BUSY", counted: false }));
    const capped = evaluateDialGate(gateInput({ now: "2026-09-15T18:00:00Z", history: three }));
    assert.deepEqual(codes(capped), ["DAILY_CAP"]);
    assert.equal(denied(capped).nextAllowedAt?.toISOString(), "2026-09-16T12:00:00.000Z");
  });

  test("campaign caps: in total (permanent) and per day", () => {
    const history = [call("2026-09-14T15:00:00Z", { enrollmentId: "e1" }), call("2026-09-15T13:00:00Z", { enrollmentId: "e1" })];
    const total = evaluateDialGate(gateInput({ now, history, campaign: { enrollmentId: "e1", maxAttempts: 2 } }));
    assert.deepEqual(codes(total), ["CAMPAIGN_CAP"]);
    assert.equal(denied(total).nextAllowedAt, undefined);
    const daily = evaluateDialGate(gateInput({ now, history, campaign: { enrollmentId: "e1", maxAttemptsPerDay: 1 } }));
    assert.equal(denied(daily).nextAllowedAt?.toISOString(), "2026-09-16T12:00:00.000Z");
    assert.equal(evaluateDialGate(gateInput({ now, history, campaign: { enrollmentId: "e2", maxAttempts: 2 } })).allow, true);
  });

  test("campaign concurrency: at its limit a dial waits a couple of minutes, below it passes", () => {
    const full = evaluateDialGate(gateInput({ now, campaign: { enrollmentId: "e1", concurrentCalls: { limit: 3, inProgress: 3 } } }));
    assert.deepEqual(codes(full), ["CAMPAIGN_CAP"]);
    assert.equal(denied(full).nextAllowedAt?.toISOString(), new Date(new Date(now).getTime() + 2 * 60_000).toISOString());
    assert.equal(evaluateDialGate(gateInput({ now, campaign: { enrollmentId: "e1", concurrentCalls: { limit: 3, inProgress: 2 } } })).allow, true);
  });

  test("several blocking rules combine: the next allowed instant satisfies all of them", () => {
    // Quiet period ends Aug 21 00:00; MA limit and 08:00 both weigh in; the search lands on the first instant all allow.
    const ma = person({ candidateStates: ["MA"], timeZoneCandidates: [NY, "America/Chicago"] });
    const history = [conversation("2026-08-14T18:00:00Z"), call("2026-08-19T15:00:00Z"), call("2026-08-20T15:00:00Z")];
    const input = gateInput({ now: "2026-08-20T16:00:00Z", person: ma, history });
    const result = evaluateDialGate(input);
    assert.deepEqual(codes(result), ["MIN_GAP", "QUIET_PERIOD", "STATE_OVERLAY_LIMIT"].filter((c) => c !== "MIN_GAP"));
    assertNextAllowedIsExact(input, result);
    assert.equal(denied(result).nextAllowedAt?.toISOString(), "2026-08-26T13:00:00.000Z"); // Aug 19 leaves the MA window; 08:00 CDT
  });
});
