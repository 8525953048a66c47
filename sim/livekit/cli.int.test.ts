import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { describe, test } from "node:test";
import { SipCallError, SipClient } from "livekit-server-sdk";

const KEY = "cli-key";
const SECRET = "cli-secret-0123456789-0123456789-01";

/** Runs `sim/livekit/cli.ts` with the given variables; resolves with its ready URL or its exit. */
function runCli(extra: Record<string, string>) {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, NODE_ENV: "test", LIVEKIT_API_KEY: KEY, LIVEKIT_SIM_API_SECRET: SECRET, SIM_LIVEKIT_PORT: "0", SIM_SPEED: "5000", ...extra };
  const child = spawn(process.execPath, ["--import", "tsx", "sim/livekit/cli.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code: number | null) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", () => {
      const url = /^livekit-sim ready: (\S+)/m.exec(stdout)?.[1];
      if (url) resolve(url);
    });
    void exited.then((code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  ready.catch(() => undefined);
  return { child, exited, ready, output: () => ({ stdout, stderr }) };
}

describe("sim/livekit CLI: SIM_PERSONAS", () => {
  test("fixes the persona of each listed number", async () => {
    const cli = runCli({ SIM_PERSONAS: "+12025550122=busy, +12025550123=declined" });
    try {
      const url = await cli.ready;
      assert.match(cli.output().stdout, /2 fixed persona\(s\) from SIM_PERSONAS/);
      const sip = new SipClient(url, KEY, SECRET);
      const dial = (number: string, room: string) => sip.createSipParticipant("ST_recourse_simulator", number, room, { participantIdentity: "sip", waitUntilAnswered: true }).catch((e: unknown) => e);
      const busy = await dial("+12025550122", "cli-busy");
      assert.ok(busy instanceof SipCallError);
      assert.equal(busy.sipStatusCode, 486);
      // `declined` is never drawn by the seed: only the override can give a 603.
      const declined = await dial("+12025550123", "cli-declined");
      assert.ok(declined instanceof SipCallError);
      assert.equal(declined.sipStatusCode, 603);
    } finally {
      cli.child.kill("SIGTERM");
      await cli.exited;
    }
  });

  test("a bad value stops it with status 2 and the reason, before it listens", async () => {
    for (const value of ["+12025550122=promises", "2025550122=busy", "+12025550122=busy,+12025550122=no_answer"]) {
      const cli = runCli({ SIM_PERSONAS: value });
      assert.equal(await cli.exited, 2, value);
      assert.match(cli.output().stderr, /^livekit-sim: SIM_PERSONAS: entry \d/m, value);
      assert.doesNotMatch(cli.output().stdout, /ready/);
    }
  });
});
