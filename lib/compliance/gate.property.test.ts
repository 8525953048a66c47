import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CALL_OUTCOMES, OUTCOME_RULES } from "../contracts/call-outcome";
import { between, pick, seededRandom, type Random } from "../seed/random";
import { call, debt, gateInput, person, phone } from "../testing/gate-input";
import { evaluateDialGate } from "./gate";
import { DEFAULT_POLICY, type DenyCode, type GateInput, type InconvenientTime, type LedgerAttempt } from "./types";

/**
 * Property test: over random ledgers the gate never allows a call that breaks a rule, and the set
 * of rules it cites equals that of a brute-force recount written from COMPLIANCE.md alone (no
 * code shared with the gate: its own date math, whole windows scanned, minute-by-minute sampling).
 */

const MIN = 60_000;
const DAY = 86_400_000;
const ZONES = ["America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles", "Pacific/Honolulu", "America/Anchorage"];

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();
/** Local calendar day as a number, via en-CA's YYYY-MM-DD. */
function localDay(t: number, zone: string): number {
  let f = dateFormats.get(zone);
  if (!f) dateFormats.set(zone, (f = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" })));
  return Date.parse(`${f.format(t)}T00:00:00Z`) / DAY;
}
/** Local seconds since midnight, via en-GB's HH:MM:SS. */
function localSeconds(t: number, zone: string): number {
  let f = timeFormats.get(zone);
  if (!f) timeFormats.set(zone, (f = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" })));
  const [h, m, s] = f.format(t).split(":").map(Number);
  return (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
}
function localWeekday(t: number, zone: string): number {
  return new Date(localDay(t, zone) * DAY).getUTCDay();
}

/** Which rules a call at input.now would break, recounted from scratch. */
function recount(input: GateInput): Set<DenyCode> {
  const broken = new Set<DenyCode>();
  const now = input.now.getTime();
  const p = input.person;
  const zones = p.timeZoneCandidates;
  const L = input.policy.maxCallMinutes * MIN;
  const past = input.history.filter((a) => a.placedAt.getTime() <= now);
  const out = past.filter((a) => a.direction === "OUTBOUND");
  // A call still waiting for its outcome may have been a conversation.
  const talk = (a: LedgerAttempt) => a.conversation || (a.direction === "OUTBOUND" && a.outcome === null);
  if (input.debts.length === 0) broken.add("NO_DEBTS");
  if (p.ceaseCommunicationAt) broken.add("CEASE_COMMUNICATION");
  if (p.refusedToPayAt) broken.add("REFUSED_TO_PAY");
  if (p.stopCallingAt) broken.add("STOP_CALLING");
  if (p.attorneyRepresentedAt) broken.add("ATTORNEY_REPRESENTED");
  if (p.bankruptcyAt) broken.add("BANKRUPTCY");
  if (p.deceasedAt) broken.add("DECEASED");
  if (p.doNotCall) broken.add("DO_NOT_CALL");
  if (input.phone.status !== "ACTIVE") broken.add("PHONE_NOT_DIALLABLE");
  for (const d of input.debts) {
    if (d.status !== "ACTIVE") broken.add("ACCOUNT_NOT_ACTIVE");
    if (d.disputePendingAt) broken.add("DISPUTE_PENDING");
  }
  // TCPA
  const ph = input.phone;
  const consented = ph.tcpaConsentAt !== null && ph.tcpaConsentAt.getTime() <= now && !(ph.consentRevokedAt && ph.consentRevokedAt.getTime() >= ph.tcpaConsentAt.getTime());
  if (input.policy.artificialVoice && !consented) {
    if (ph.lineType !== "LANDLINE") broken.add("TCPA_NO_CONSENT");
    else if (input.lineHistory.filter((c) => c.placedAt.getTime() <= now && now - c.placedAt.getTime() < 30 * DAY).length >= 3) broken.add("TCPA_RESIDENTIAL_LIMIT");
  }
  if (zones.length === 0) broken.add("NO_LOCATION_SIGNAL");
  for (const z of zones) {
    const today = localDay(now, z);
    // Hours: the whole call inside 08:00-21:00 of one local day.
    if (!(localSeconds(now, z) >= 8 * 3600 && localDay(now + L, z) === today && localSeconds(now + L, z) <= 21 * 3600)) broken.add("OUTSIDE_CALLING_HOURS");
    // Inconvenient times: minute by minute through the call (all inputs are whole minutes).
    for (const block of p.inconvenientTimes) {
      if (block.liftedAt && Date.parse(block.liftedAt) <= now) continue;
      if (block.zone && block.zone !== z && zones.includes(block.zone)) continue;
      const bz = block.zone ?? z;
      const [sh, sm] = block.start.split(":").map(Number);
      const [eh, em] = block.end.split(":").map(Number);
      const s = (sh ?? 0) * 60 + (sm ?? 0);
      const e = (eh ?? 0) * 60 + (em ?? 0);
      for (let t = now; t < now + L; t += MIN) {
        const m = localSeconds(t, bz) / 60;
        const wd = localWeekday(t, bz);
        const prev = (wd + 6) % 7;
        const onDay = (day: number) => !block.days || block.days.includes(day);
        const inside = e > s ? onDay(wd) && m >= s && m < e : (onDay(wd) && m >= s) || (onDay(prev) && m < e);
        if (inside) broken.add("INCONVENIENT_TIME");
      }
    }
    for (const d of input.debts) {
      const about = (a: LedgerAttempt) => a.debtIds.includes(d.id);
      const c = d.consent;
      const inWindow = (t: number) => {
        if (!c || t < c.receivedAt.getTime()) return false;
        if (c.endsAt && t >= c.endsAt.getTime()) return false;
        if (c.revokedAt && t >= c.revokedAt.getTime()) return false;
        if (localDay(t, z) - localDay(c.receivedAt.getTime(), z) >= 7) return false;
        return !past.some((a) => talk(a) && about(a) && a.placedAt > c.receivedAt && a.placedAt.getTime() <= t);
      };
      if (!inWindow(now)) {
        const counted = out.filter((a) => about(a) && a.counted && !inWindow(a.placedAt.getTime()));
        for (let start = today - 6; start <= today; start++) {
          // Every 7-day window holding today, the new call included: at most 7.
          const n = counted.filter((a) => localDay(a.placedAt.getTime(), z) >= start && localDay(a.placedAt.getTime(), z) <= start + 6).length + 1;
          if (n > 7) broken.add("SEVEN_IN_SEVEN");
        }
        if (past.some((a) => talk(a) && about(a) && today - localDay(a.placedAt.getTime(), z) < 7)) broken.add("QUIET_PERIOD");
      }
      // MA (or any state when unknown): 2 connected calls per 7 days (personal) / 30 days (work).
      const states = p.candidateStates;
      if (states.length === 0 || states.includes("MA")) {
        const span = ph.usage === "personal" ? 7 : 30;
        if (out.filter((a) => about(a) && a.counted && today - localDay(a.placedAt.getTime(), z) < span).length + 1 > 2) broken.add("STATE_OVERLAY_LIMIT");
      }
      if (out.filter((a) => about(a) && localDay(a.placedAt.getTime(), z) === today).length + 1 > input.policy.maxAttemptsPerDebtPerDay) broken.add("DAILY_CAP");
    }
    const caps = input.campaign;
    if (caps?.maxAttemptsPerDay !== undefined && out.filter((a) => a.enrollmentId === caps.enrollmentId && localDay(a.placedAt.getTime(), z) === today).length + 1 > caps.maxAttemptsPerDay) broken.add("CAMPAIGN_CAP");
  }
  if (out.some((a) => now - a.placedAt.getTime() < input.policy.minGapMinutes * MIN)) broken.add("MIN_GAP");
  const caps = input.campaign;
  if (caps?.maxAttempts !== undefined && out.filter((a) => a.enrollmentId === caps.enrollmentId).length + 1 > caps.maxAttempts) broken.add("CAMPAIGN_CAP");
  return broken;
}

const NOT_CONVERSATIONS = CALL_OUTCOMES.filter((o) => !OUTCOME_RULES[o].conversation);
const wholeMinute = (t: number) => Math.floor(t / MIN) * MIN;
const maybe = <T>(random: Random, chance: number, value: () => T): T | null => (random() < chance ? value() : null);

function randomInput(random: Random): GateInput {
  // Mostly US daytime (13:00-03:00 UTC), so allowed calls are common enough to test.
  const now = wholeMinute(Date.parse("2026-02-20T00:00:00Z") + between(random, 0, 270) * DAY + (random() < 0.85 ? between(random, 13 * 60, 26 * 60) : between(random, 0, 24 * 60)) * MIN);
  const at = (daysBack: number) => new Date(wholeMinute(now - daysBack * DAY));
  const zoneCount = random() < 0.03 ? 0 : random() < 0.7 ? 1 : 2;
  const zones = [...new Set(Array.from({ length: zoneCount }, () => pick(random, ZONES)))];
  const flag = () => maybe(random, 0.01, () => at(random() * 20));
  const inconvenient: InconvenientTime[] = random() < 0.25
    ? [{ start: `${String(between(random, 0, 23)).padStart(2, "0")}:${pick(random, ["00", "30"])}`, end: `${String(between(random, 0, 23)).padStart(2, "0")}:${pick(random, ["00", "15"])}`, ...(random() < 0.3 ? { days: [between(random, 0, 6), between(random, 0, 6)] } : {}), ...(random() < 0.2 && zones[0] ? { zone: zones[0] } : {}), ...(random() < 0.1 ? { liftedAt: at(random() * 4 - 2).toISOString() } : {}) }]
    : [];
  const history: LedgerAttempt[] = Array.from({ length: between(random, 0, 18) }, () => {
    const outcome = random() < 0.8 ? pick(random, NOT_CONVERSATIONS) : pick(random, CALL_OUTCOMES);
    const inbound = outcome === "INBOUND_CONVERSATION";
    const pending = !inbound && random() < 0.05;
    return call(at(random() < 0.5 ? random() * 9 : random() * 35), {
      direction: inbound ? "INBOUND" : "OUTBOUND",
      outcome: pending ? null : outcome,
      counted: pending || OUTCOME_RULES[outcome].counts,
      conversation: !pending && OUTCOME_RULES[outcome].conversation,
      debtIds: random() < 0.7 ? ["d1"] : random() < 0.5 ? ["d2"] : ["d1", "d2"],
      enrollmentId: random() < 0.5 ? "e1" : null,
    });
  });
  const consentAt = at(random() * 10);
  const consent = maybe(random, 0.3, () => ({
    receivedAt: consentAt,
    endsAt: maybe(random, 0.3, () => new Date(wholeMinute(consentAt.getTime() + random() * 8 * DAY))),
    revokedAt: maybe(random, 0.2, () => new Date(wholeMinute(consentAt.getTime() + random() * 8 * DAY))),
  }));
  const tcpaConsentAt = maybe(random, 0.75, () => at(random() * 400 - 5));
  return gateInput({
    now: new Date(now),
    person: person({
      timeZoneCandidates: zones,
      candidateStates: pick(random, [["NY"], ["MA"], [], ["MA", "NY"], ["CA"], ["TX"]]),
      ceaseCommunicationAt: flag(), refusedToPayAt: flag(), stopCallingAt: flag(), attorneyRepresentedAt: flag(), bankruptcyAt: flag(), deceasedAt: flag(),
      doNotCall: random() < 0.02,
      inconvenientTimes: inconvenient,
    }),
    phone: phone({
      lineType: pick(random, ["CELL", "LANDLINE", "LANDLINE", "VOIP", "UNKNOWN"] as const),
      status: random() < 0.04 ? pick(random, ["BAD_NUMBER", "WRONG_PARTY", "STOP_CALLING"] as const) : "ACTIVE",
      usage: random() < 0.8 ? "personal" : "work",
      tcpaConsentAt,
      consentRevokedAt: maybe(random, 0.15, () => at(random() * 30)),
    }),
    debts: random() < 0.7 ? [debt("d1", { consent })] : [debt("d1", { consent, status: random() < 0.05 ? "DISPUTED" : "ACTIVE" }), debt("d2", { disputePendingAt: maybe(random, 0.05, () => at(1)) })],
    history,
    lineHistory: [...history.filter((a) => a.direction === "OUTBOUND" && random() < 0.7), ...Array.from({ length: between(random, 0, 3) }, () => call(at(random() * 40)))].map((a) => ({ placedAt: a.placedAt })),
    ...(random() < 0.3 ? { campaign: { enrollmentId: "e1", ...(random() < 0.5 ? { maxAttempts: between(random, 1, 12) } : {}), ...(random() < 0.5 ? { maxAttemptsPerDay: between(random, 1, 3) } : {}) } } : {}),
    policy: random() < 0.5 ? DEFAULT_POLICY : { maxCallMinutes: pick(random, [5, 15, 30]), minGapMinutes: pick(random, [0, 10, 60]), maxAttemptsPerDebtPerDay: between(random, 1, 8), artificialVoice: random() < 0.8 },
  });
}

describe("compliance gate: property test against an independent recount", () => {
  const seed = Number(process.env.GATE_PROPERTY_SEED ?? 20261125);
  const cases = Number(process.env.GATE_PROPERTY_CASES ?? 400);

  test(`${cases} random ledgers (seed ${seed}): same verdict and reasons; never a breaking call; exact next allowed instant`, (t) => {
    const random = seededRandom(seed);
    let allowed = 0;
    let withNext = 0;
    for (let i = 0; i < cases; i++) {
      const input = randomInput(random);
      const result = evaluateDialGate(input);
      const expected = [...recount(input)].sort();
      const context = () => `case ${i}: ${JSON.stringify(input).slice(0, Number(process.env.GATE_PROPERTY_DUMP ?? 400))}`;
      if (result.allow) {
        allowed += 1;
        assert.deepEqual(expected, [], `the gate allowed a call the recount says breaks ${expected.join(", ")}; ${context()}`);
        continue;
      }
      assert.deepEqual([...new Set(result.reasons.map((r) => r.code))].sort(), expected, context());
      if (!result.nextAllowedAt) continue;
      withNext += 1;
      const next = result.nextAllowedAt.getTime();
      assert.ok(next > input.now.getTime(), context());
      assert.deepEqual([...recount({ ...input, now: result.nextAllowedAt })], [], `recount breaks at nextAllowedAt ${result.nextAllowedAt.toISOString()}; ${context()}`);
      // Nothing earlier is allowed: a minute before, and a few random instants in between.
      const probes = [next - MIN, ...Array.from({ length: 3 }, () => input.now.getTime() + Math.floor(random() * (next - input.now.getTime())))];
      for (const probe of probes.filter((t) => t >= input.now.getTime())) {
        assert.ok(recount({ ...input, now: new Date(probe) }).size > 0, `allowed at ${new Date(probe).toISOString()} before nextAllowedAt ${result.nextAllowedAt.toISOString()}; ${context()}`);
      }
    }
    t.diagnostic(`${allowed} allowed, ${withNext} denied with a next allowed instant, ${cases - allowed - withNext} denied until the data changes`);
    // The generator must exercise both sides, or the property says little.
    assert.ok(allowed > cases * 0.05, `only ${allowed} allowed`);
    assert.ok(withNext > cases * 0.1, `only ${withNext} with a next allowed instant`);
  });
});
