import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { buildConversation, parseAgentJob } from "./conversation";
import { parsePersonaOverrides, PERSONAS, personaFor, sipFailureOf } from "./personas";

const numbers = Array.from({ length: 400 }, (_, i) => `+1202555${String(i).padStart(4, "0")}`);

describe("sim personas", () => {
  test("the same seed draws the same persona per number; another seed draws another mix", () => {
    const none = new Map();
    const first = numbers.map((n) => personaFor(n, 7, none));
    assert.deepEqual(numbers.map((n) => personaFor(n, 7, none)), first);
    const other = numbers.map((n) => personaFor(n, 8, none));
    assert.ok(other.some((p, i) => p !== first[i]));
    // Override-only personas are never drawn; the drawn ones all appear in a few hundred numbers.
    assert.ok(!first.some((p) => p === "declined" || p === "carrier_failure" || p === "silent"));
    assert.equal(new Set(first).size, PERSONAS.length - 3);
  });

  test("an override wins over the draw", () => {
    assert.equal(personaFor(numbers[0]!, 7, new Map([[numbers[0]!, "hostile" as const]])), "hostile");
  });

  test("unanswered personas end with their SIP status; answered ones have none", () => {
    assert.equal(sipFailureOf("busy", "+1", 1, 30)?.status, 486);
    assert.deepEqual(sipFailureOf("no_answer", "+1", 1, 25), { status: 408, reason: "Request Timeout", ringS: 25 });
    assert.ok([404, 410, 484].includes(sipFailureOf("invalid_number", "+1", 1, 30)?.status ?? 0));
    assert.equal(sipFailureOf("pays_now", "+1", 1, 30), undefined);
  });

  test("conversations are timed in order and end in the persona's disposition", () => {
    const job = parseAgentJob(JSON.stringify({ attemptId: "a1", account: { firstName: "Ana", lastName: "Diaz", postalCode: "10001", accounts: [{ creditor: "Northwind Bank", balanceCents: 50_000, timeBarred: true }] }, script: { businessName: "Acme", callbackNumber: "+15555550100", language: "en" }, disclosures: { miniMiranda: "subsequent" } }));
    assert.ok(job);
    const call = buildConversation("promise_to_pay", job, 1, new Date("2026-11-01T15:00:00Z"));
    assert.equal(call.disposition, "PROMISE_TO_PAY");
    for (let i = 1; i < call.segments.length; i++) assert.ok(call.segments[i]!.startMs > call.segments[i - 1]!.endMs);
    const text = call.segments.map((s) => s.text).join("\n");
    assert.match(text, /from a debt collector/);
    assert.match(text, /we will not sue you/, "a time-barred debt gets the no-suit statement");
    assert.match(text, /2026-11-11/);
    assert.equal(parseAgentJob("not json"), undefined);
  });

  test("SIM_PERSONAS: number=persona pairs, empty for none, and every bad entry named", () => {
    assert.deepEqual(parsePersonaOverrides(""), {});
    assert.deepEqual(parsePersonaOverrides(" +12125550191=no_answer , +12125550193=promise_to_pay"), { "+12125550191": "no_answer", "+12125550193": "promise_to_pay" });
    assert.throws(() => parsePersonaOverrides("+12125550191=promises"), /entry 1: unknown persona "promises" \(one of no_answer, busy,/);
    assert.throws(() => parsePersonaOverrides("12125550191=busy"), /entry 1 "12125550191=busy" is not <E.164 number>=<persona>/);
    assert.throws(() => parsePersonaOverrides("+12125550191=busy,"), /entry 2 "" is not/);
    assert.throws(() => parsePersonaOverrides("+12125550191=busy,+12125550191=no_answer"), /entry 2: \+12125550191 is given twice/);
    assert.throws(() => parsePersonaOverrides("+12125550191=busy;+12125550192=busy"), /entry 1/);
    assert.throws(() => parsePersonaOverrides("+1=busy,+12125550192=Busy"), /entry 1 .*; entry 2 /);
  });
});
