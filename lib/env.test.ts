import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { EnvError, parseEnv } from "./env";

const LIVEKIT = {
  LIVEKIT_URL: "https://example.livekit.cloud",
  LIVEKIT_API_KEY: "APIkey",
  LIVEKIT_API_SECRET: "secret",
  LIVEKIT_SIP_TRUNK_ID: "ST_123",
  LIVEKIT_CALLER_ID: "+15005550006",
};

function problems(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    assert.ok(error instanceof EnvError);
    return error.problems;
  }
  assert.fail("expected an EnvError");
}

describe("env", () => {
  test("an empty environment is a working embedded setup", () => {
    const env = parseEnv({});
    assert.equal(env.RECOURSE_PROFILE, "embedded");
    assert.equal(env.PORT, 3000);
    assert.deepEqual(env.modes, { database: "embedded", hatchet: "embedded", livekit: "simulator", llm: "offline-rules" });
  });

  test("empty strings count as unset", () => {
    const env = parseEnv({ DATABASE_URL: "", PORT: " ", OPENAI_API_KEY: "" });
    assert.equal(env.DATABASE_URL, undefined);
    assert.equal(env.PORT, 3000);
    assert.equal(env.modes.llm, "offline-rules");
  });

  test("reports every invalid variable at once, by name", () => {
    const found = problems({ PORT: "eighty", DATABASE_URL: "mysql://x", LOG_LEVEL: "loud", HATCHET_CLIENT_API_URL: "not a url" });
    const names = found.map((p) => p.split(":")[0]);
    assert.deepEqual(names.sort(), ["DATABASE_URL", "HATCHET_CLIENT_API_URL", "LOG_LEVEL", "PORT"]);
  });

  test("half a LiveKit configuration names the missing parts", () => {
    const [problem, ...rest] = problems({ LIVEKIT_URL: LIVEKIT.LIVEKIT_URL });
    assert.equal(rest.length, 0);
    assert.match(problem ?? "", /^LIVEKIT_API_KEY, LIVEKIT_API_SECRET, LIVEKIT_SIP_TRUNK_ID, LIVEKIT_CALLER_ID: required when LIVEKIT_URL is set/);
  });

  test("external services switch each part's mode", () => {
    const env = parseEnv({ ...LIVEKIT, DATABASE_URL: "postgresql://u:p@db:5432/recourse", HATCHET_CLIENT_TOKEN: "a.b.c", OPENAI_API_KEY: "sk-test" });
    assert.deepEqual(env.modes, { database: "external", hatchet: "external", livekit: "external", llm: "openai" });
  });

  test("parts the supervisor started stay embedded for its children, although their URLs are set", () => {
    const env = parseEnv({ DATABASE_URL: "postgresql://u:p@127.0.0.1:54329/recourse", RECOURSE_EMBEDDED: "database" });
    assert.equal(env.modes.database, "embedded");
  });

  test("a malformed Hatchet token is rejected before any client sees it", () => {
    assert.deepEqual(problems({ HATCHET_CLIENT_TOKEN: "not-a-jwt" }), ["HATCHET_CLIENT_TOKEN: must be a JWT (three dot-separated parts)"]);
  });

  test("the production profile refuses to fall back to embedded parts or simulators", () => {
    const found = problems({ RECOURSE_PROFILE: "production", ...LIVEKIT });
    for (const key of ["DATABASE_URL", "HATCHET_CLIENT_TOKEN", "OPENAI_API_KEY", "SESSION_SECRET", "PAYMENT_WEBHOOK_SECRET", "APP_URL"]) {
      assert.ok(found.some((p) => p.startsWith(`${key}: required when RECOURSE_PROFILE=production`)), key);
    }
    assert.ok(!found.some((p) => p.startsWith("LIVEKIT_URL")));
  });

  test("secrets have a minimum length", () => {
    assert.deepEqual(problems({ SESSION_SECRET: "short" }), ["SESSION_SECRET: must be at least 32 characters"]);
  });
});
