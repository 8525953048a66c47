import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseEnv } from "../../env";
import { liveKitConfigFromEnv, SIMULATOR_DEFAULTS, transcriptSecretFromEnv } from "./config";

describe("liveKitConfigFromEnv", () => {
  test("without LIVEKIT_URL it points at the local simulator with the generated secret", () => {
    const config = liveKitConfigFromEnv(parseEnv({ SIM_LIVEKIT_PORT: "7999", LIVEKIT_SIM_API_SECRET: "s".repeat(40) }));
    assert.equal(config.mode, "simulator");
    assert.equal(config.url, "http://127.0.0.1:7999");
    assert.equal(config.apiSecret, "s".repeat(40));
    assert.equal(config.sipTrunkId, SIMULATOR_DEFAULTS.sipTrunkId);
    assert.equal(config.agentName, "recourse-collector");
  });

  test("with the LiveKit group set it uses it, and signs webhooks with the API key unless told otherwise", () => {
    const env = parseEnv({
      LIVEKIT_URL: "https://acme.livekit.cloud",
      LIVEKIT_API_KEY: "APIabc",
      LIVEKIT_API_SECRET: "topsecret",
      LIVEKIT_SIP_TRUNK_ID: "ST_real",
      LIVEKIT_CALLER_ID: "+12025550123",
      LIVEKIT_RECORDING_FILEPATH: "off",
    });
    const config = liveKitConfigFromEnv(env);
    assert.equal(config.mode, "external");
    assert.equal(config.webhookKey, "APIabc");
    assert.equal(config.sipTrunkId, "ST_real");
    assert.equal(config.recordingFilepath, null);
  });

  test("the transcript secret is the configured one, else derived from the simulator's", () => {
    assert.equal(transcriptSecretFromEnv(parseEnv({ CALL_TRANSCRIPT_SECRET: "0123456789abcdef" })), "0123456789abcdef");
    assert.match(transcriptSecretFromEnv(parseEnv({})), /^transcripts:/);
  });
});
