import assert from "node:assert/strict";
import { test } from "node:test";
import { RateLimitDuration } from "@hatchet-dev/typescript-sdk/protoc/v1/workflows";
import { parseEnv } from "../lib/env";
import { trunkDialRateLimit } from "./trunk-rate-limit";

test("the dial step's rate limit is per trunk, per second, at the configured calls per second", () => {
  const limit = trunkDialRateLimit({ LIVEKIT_SIP_TRUNK_ID: "ST_abc123", RECOURSE_TRUNK_DIALS_PER_SECOND: 25 });
  assert.deepEqual(limit, { dynamicKey: '"sip-trunk:ST_abc123"', units: 1, limit: 25, duration: RateLimitDuration.SECOND });
  assert.equal(trunkDialRateLimit(parseEnv({})).dynamicKey, '"sip-trunk:simulator"');
  assert.equal(trunkDialRateLimit(parseEnv({})).limit, 10);
});

test("a trunk id that could break out of the key's CEL string is refused", () => {
  assert.throws(() => trunkDialRateLimit({ LIVEKIT_SIP_TRUNK_ID: 'ST_1" + input.x + "', RECOURSE_TRUNK_DIALS_PER_SECOND: 10 }), /LIVEKIT_SIP_TRUNK_ID/);
});
