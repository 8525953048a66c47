import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { OUTCOME_RULES } from "../../contracts/call-outcome";
import { readSipFailure } from "./sip-outcome";

describe("readSipFailure", () => {
  test("maps the SIP statuses of COMPLIANCE.md §9 to their outcomes", () => {
    const cases: [number, string][] = [
      [404, "NOT_IN_SERVICE"],
      [410, "NOT_IN_SERVICE"],
      [484, "NOT_IN_SERVICE"],
      [486, "BUSY"],
      [408, "NO_ANSWER"],
      [480, "NO_ANSWER"],
      [603, "NO_ANSWER"],
      [500, "CARRIER_ERROR"],
      [503, "CARRIER_ERROR"],
    ];
    for (const [status, outcome] of cases) assert.equal(readSipFailure(status).outcome, outcome, `SIP ${status}`);
  });

  test("busy and not-in-service calls are not counted; ring-outs, declines and carrier errors are", () => {
    assert.equal(OUTCOME_RULES[readSipFailure(486).outcome].counts, false);
    assert.equal(OUTCOME_RULES[readSipFailure(404).outcome].counts, false);
    assert.equal(OUTCOME_RULES[readSipFailure(408).outcome].counts, true);
    assert.equal(OUTCOME_RULES[readSipFailure(603).outcome].counts, true);
    assert.equal(OUTCOME_RULES[readSipFailure(502).outcome].counts, true);
  });

  test("a bad number is not tried again; busy, no answer and trunk failures may be, later", () => {
    assert.equal(readSipFailure(404).retryLater, false);
    assert.equal(readSipFailure(486).retryLater, true);
    assert.equal(readSipFailure(480).retryLater, true);
    assert.equal(readSipFailure(503).retryLater, true);
  });

  test("an unknown status is read conservatively as a counted carrier error", () => {
    assert.deepEqual(readSipFailure(499), { outcome: "CARRIER_ERROR", retryLater: false });
  });
});
