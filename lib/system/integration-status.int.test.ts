import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { parseEnv } from "../env";
import { integrationStatus } from "./integration-status";

/** A real HTTP server answering every request with `status`, recording the auth headers it saw. */
async function httpServer(status: number): Promise<{ port: number; seen: (string | undefined)[]; server: Server }> {
  const seen: (string | undefined)[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers.authorization);
    res.writeHead(status).end("OK");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, seen, server };
}

/** A port nothing listens on: bound, then closed. */
async function deadPort(): Promise<number> {
  const { port, server } = await httpServer(200);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const LIVEKIT = { LIVEKIT_API_KEY: "APIkey", LIVEKIT_API_SECRET: "top-secret-livekit", LIVEKIT_SIP_TRUNK_ID: "ST_x", LIVEKIT_CALLER_ID: "+15555550100" };

describe("integration status probes real HTTP endpoints and never shows secrets", () => {
  let up: Awaited<ReturnType<typeof httpServer>>;
  let refusing: Awaited<ReturnType<typeof httpServer>>;
  let dead: number;
  before(async () => {
    up = await httpServer(200);
    refusing = await httpServer(401);
    dead = await deadPort();
  });
  after(async () => {
    for (const s of [up.server, refusing.server]) await new Promise<void>((resolve) => s.close(() => resolve()));
  });

  test("the embedded setup: simulator up → simulated, down → offline; no key → offline-rules simulated", async () => {
    const [livekit, llm] = await integrationStatus(parseEnv({ SIM_LIVEKIT_PORT: String(up.port) }));
    assert.equal(livekit!.state, "simulated");
    assert.equal(livekit!.target, `http://127.0.0.1:${up.port}`);
    assert.equal(llm!.state, "simulated");
    assert.match(llm!.detail, /offline rules/);
    const [down] = await integrationStatus(parseEnv({ SIM_LIVEKIT_PORT: String(dead) }));
    assert.equal(down!.state, "offline");
    assert.match(down!.detail, /npm start/);
  });

  test("real services: answering → connected, refused key → offline, nothing → offline; secrets never in the report", async () => {
    const config = parseEnv({ ...LIVEKIT, LIVEKIT_URL: `ws://user:pw@127.0.0.1:${up.port}/path?token=t`, OPENAI_API_KEY: "sk-very-secret", OPENAI_BASE_URL: `http://127.0.0.1:${up.port}/v1` });
    const report = await integrationStatus(config);
    assert.deepEqual(report.map((r) => r.state), ["connected", "connected"]);
    assert.equal(report[0]!.target, `http://127.0.0.1:${up.port}`);
    assert.ok(up.seen.includes("Bearer sk-very-secret"), "the LLM probe authenticates");
    const text = JSON.stringify(report);
    for (const secret of ["sk-very-secret", "top-secret-livekit", "pw", "token=t"]) assert.ok(!text.includes(secret), secret);

    const refused = await integrationStatus(parseEnv({ OPENAI_API_KEY: "sk-bad", OPENAI_BASE_URL: `http://127.0.0.1:${refusing.port}/v1`, SIM_LIVEKIT_PORT: String(up.port) }));
    assert.equal(refused[1]!.state, "offline");
    assert.match(refused[1]!.detail, /refused OPENAI_API_KEY/);

    const gone = await integrationStatus(parseEnv({ ...LIVEKIT, LIVEKIT_URL: `wss://127.0.0.1:${dead}`, OPENAI_API_KEY: "sk-x", OPENAI_BASE_URL: `http://127.0.0.1:${dead}/v1` }));
    assert.deepEqual(gone.map((r) => r.state), ["offline", "offline"]);
  });

  test("the local OpenAI stand-in counts as simulated", async () => {
    const [, llm] = await integrationStatus(parseEnv({ OPENAI_API_KEY: "sk-sim-local", OPENAI_BASE_URL: `http://127.0.0.1:${up.port}/v1`, SIM_OPENAI_PORT: String(up.port), SIM_LIVEKIT_PORT: String(up.port) }));
    assert.equal(llm!.state, "simulated");
  });
});
