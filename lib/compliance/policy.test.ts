import assert from "node:assert/strict";
import { test } from "node:test";
import { parseEnv } from "../env";
import { gatePolicyFrom } from "./policy";
import { DEFAULT_POLICY } from "./types";

test("the embedded defaults are the gate's defaults; settings override them within bounds", () => {
  assert.deepEqual(gatePolicyFrom(parseEnv({})), DEFAULT_POLICY);
  assert.deepEqual(gatePolicyFrom(parseEnv({ COMPLIANCE_MAX_CALL_MINUTES: "20", COMPLIANCE_MIN_GAP_MINUTES: "60", COMPLIANCE_MAX_ATTEMPTS_PER_DEBT_PER_DAY: "2" })), {
    maxCallMinutes: 20,
    minGapMinutes: 60,
    maxAttemptsPerDebtPerDay: 2,
    artificialVoice: true,
  });
  // A daily cap above 7 would only restate the 7-in-7 limit; a gap under 5 minutes is bunching.
  assert.throws(() => parseEnv({ COMPLIANCE_MAX_ATTEMPTS_PER_DEBT_PER_DAY: "8" }), /COMPLIANCE_MAX_ATTEMPTS_PER_DEBT_PER_DAY/);
  assert.throws(() => parseEnv({ COMPLIANCE_MIN_GAP_MINUTES: "2" }), /COMPLIANCE_MIN_GAP_MINUTES/);
});
