import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { assertTransition, canTransition, IllegalTransitionError, JOURNEY_STATUSES, TERMINAL_STATUSES } from "./status";

describe("journey status transitions", () => {
  test("the happy path of a promise kept is legal step by step", () => {
    const path = ["PENDING", "QUEUED", "DIALING", "WAITING_CALL", "SUMMARIZING", "PROMISE_PENDING", "PAID"] as const;
    for (let i = 1; i < path.length; i++) assert.ok(canTransition(path[i - 1]!, path[i]!), `${path[i - 1]} → ${path[i]}`);
  });

  test("a payment, dispute or cease request can end any live journey", () => {
    for (const from of JOURNEY_STATUSES.filter((s) => !TERMINAL_STATUSES.has(s))) {
      for (const to of ["PAID", "DISPUTED", "CEASED", "CANCELLED"] as const) assert.ok(canTransition(from, to), `${from} → ${to}`);
    }
  });

  test("terminal journeys never move again", () => {
    for (const from of TERMINAL_STATUSES) for (const to of JOURNEY_STATUSES) assert.equal(canTransition(from, to), false, `${from} → ${to}`);
  });

  test("no dialing straight from a promise or skipping the call", () => {
    assert.equal(canTransition("PROMISE_PENDING", "DIALING"), false, "a broken promise waits for the next allowed window first");
    assert.equal(canTransition("DIALING", "SUMMARIZING"), false);
    assert.equal(canTransition("PENDING", "DIALING"), false);
  });

  test("an illegal step throws a typed error naming both states", () => {
    assert.throws(() => assertTransition("PAID", "DIALING"), (e: unknown) => e instanceof IllegalTransitionError && e.from === "PAID" && e.to === "DIALING");
  });
});
