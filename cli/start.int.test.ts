import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { findFreePort } from "@/lib/postgres/ports";

/**
 * The foundation's acceptance: `npm start` from an empty data folder reaches "ready" with the
 * console answering, a second start reuses the data, and Ctrl-C leaves no process behind.
 */
const dataDir = mkdtempSync(join(tmpdir(), "recourse-start-"));
chmodSync(dataDir, 0o755);
after(() => rmSync(dataDir, { recursive: true, force: true }));

/** Port of the LiveKit call simulator the supervisor starts when no LIVEKIT_URL is set. */
let simPort = 0;

interface Started {
  child: ChildProcess;
  output: () => string;
}

async function startRecourse(port: number, pgPort: number, enginePorts: [number, number]): Promise<Started> {
  const child = spawn(process.execPath, ["--import", "tsx", "cli/recourse.ts", "start"], {
    env: {
      ...process.env,
      RECOURSE_DATA_DIR: dataDir,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(pgPort),
      ENGINE_GRPC_PORT: String(enginePorts[0]),
      ENGINE_REST_PORT: String(enginePorts[1]),
      SIM_LIVEKIT_PORT: String(simPort),
      LIVEKIT_URL: "",
      DATABASE_URL: "",
      HATCHET_CLIENT_TOKEN: "",
      NO_COLOR: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 240_000; // the first start builds the console
  while (!output.includes("Recourse is ready")) {
    if (child.exitCode !== null) assert.fail(`recourse exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) assert.fail(`not ready in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, output: () => output };
}

async function stopWithCtrlC(started: Started): Promise<number | null> {
  started.child.kill("SIGINT");
  return new Promise((resolve) => started.child.once("exit", (code) => resolve(code)));
}

function postmasterAlive(): boolean {
  const lock = join(dataDir, "pg", "postmaster.pid");
  if (!existsSync(lock)) return false;
  const pid = Number(readFileSync(lock, "utf8").split("\n")[0]);
  return existsSync(`/proc/${pid}`);
}

describe("npm start", { timeout: 480_000 }, () => {
  test("starts from an empty data folder, restarts on the same data, and stops cleanly", async () => {
    const port = await findFreePort();
    const pgPort = await findFreePort();
    const enginePorts: [number, number] = [await findFreePort(), await findFreePort()];
    simPort = await findFreePort();

    const first = await startRecourse(port, pgPort, enginePorts);
    assert.match(first.output(), /First-run admin: admin@recourse\.local \/ password \S{20}/);
    const health = (await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as { status: string; database: { migrations: number } };
    assert.equal(health.status, "ok");
    assert.ok(health.database.migrations >= 1, "migrations were applied");
    const page = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Recourse/);

    // The embedded engine answers with the token it wrote for SDK clients; the terminal never shows it.
    assert.match(first.output(), new RegExp(`Workflow engine: gRPC 127\\.0\\.0\\.1:${enginePorts[0]}`));
    const engineEnv = Object.fromEntries(readFileSync(join(dataDir, "engine.env"), "utf8").trim().split("\n").map((line) => line.split(/=(.*)/s).slice(0, 2)));
    assert.ok(engineEnv.HATCHET_CLIENT_TOKEN && !first.output().includes(engineEnv.HATCHET_CLIENT_TOKEN), "the token is in engine.env, not in the output");
    const tenantId = JSON.parse(Buffer.from(engineEnv.HATCHET_CLIENT_TOKEN.split(".")[1]!, "base64url").toString()).sub as string;
    const tenant = await fetch(`${engineEnv.HATCHET_CLIENT_API_URL}/api/v1/tenants/${tenantId}`, { headers: { authorization: `Bearer ${engineEnv.HATCHET_CLIENT_TOKEN}` } });
    assert.equal(tenant.status, 200);
    assert.equal(((await tenant.json()) as { version: string }).version, "V1");
    // The all-in-one worker registered every workflow with the engine and is listening.
    assert.match(first.output(), /worker ready: \d+ workflows/);
    const workers = (await (await fetch(`${engineEnv.HATCHET_CLIENT_API_URL}/api/v1/tenants/${tenantId}/worker`, { headers: { authorization: `Bearer ${engineEnv.HATCHET_CLIENT_TOKEN}` } })).json()) as {
      rows: { name: string; status: string }[];
    };
    assert.ok(workers.rows.some((w) => w.name.includes("recourse-all-in-one") && w.status === "ACTIVE"), JSON.stringify(workers.rows));

    // The call simulator speaks LiveKit's Twirp API and, like LiveKit, refuses a request without a token.
    const twirp = await fetch(`http://127.0.0.1:${simPort}/twirp/livekit.RoomService/ListRooms`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    assert.equal(twirp.status, 401);
    assert.equal(((await twirp.json()) as { code: string }).code, "unauthenticated");

    assert.equal(await stopWithCtrlC(first), 0);
    await assert.rejects(fetch(`http://127.0.0.1:${simPort}/twirp/livekit.RoomService/ListRooms`, { method: "POST" }), "the call simulator stopped");
    await assert.rejects(fetch(`${engineEnv.HATCHET_CLIENT_API_URL}/api/v1/tenants/${tenantId}`), "the engine stopped");
    assert.equal(postmasterAlive(), false, "PostgreSQL stopped with the supervisor");
    await assert.rejects(fetch(`http://127.0.0.1:${port}/api/health`), "the console stopped");

    const second = await startRecourse(port, pgPort, enginePorts);
    assert.doesNotMatch(second.output(), /First-run admin: /, "the admin from the first start is kept");
    assert.match(second.output(), /0 applied, \d+ already in place/);
    assert.equal(await stopWithCtrlC(second), 0);
    assert.equal(postmasterAlive(), false);
  });
});
