import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { createApiKey } from "@/lib/api/create-api-key";
import { createDb } from "@/lib/db";
import { ensureDatabase, startEmbeddedPostgres, type RunningPostgres } from "@/lib/postgres/embedded";
import { findFreePort } from "@/lib/postgres/ports";
import { HatchetClient } from "@hatchet-dev/typescript-sdk/v1";
import { accountItem } from "@/app/api/v1/testing/harness";

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

async function startRecourse(port: number, pgPort: number, enginePorts: [number, number], options: { dataDir?: string; databaseUrl?: string } = {}): Promise<Started> {
  const child = spawn(process.execPath, ["--import", "tsx", "cli/recourse.ts", "start"], {
    env: {
      ...process.env,
      RECOURSE_DATA_DIR: options.dataDir ?? dataDir,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(pgPort),
      ENGINE_GRPC_PORT: String(enginePorts[0]),
      ENGINE_REST_PORT: String(enginePorts[1]),
      SIM_LIVEKIT_PORT: String(simPort),
      LIVEKIT_URL: "",
      DATABASE_URL: options.databaseUrl ?? "",
      HATCHET_CLIENT_TOKEN: "",
      NO_COLOR: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  // The first start builds the console: minutes on a busy two-core machine.
  const deadline = Date.now() + 540_000;
  while (!output.includes("Recourse is ready")) {
    if (child.exitCode !== null) assert.fail(`recourse exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      // Stop what it started (Ctrl-C stops every part) so a failed start leaves no process behind.
      child.kill("SIGINT");
      await new Promise((resolve) => child.once("exit", resolve));
      assert.fail(`not ready in time:\n${output}`);
    }
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

describe("npm start", { timeout: 900_000 }, () => {
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

/**
 * The embedded engine on an external PostgreSQL: `recourse start` with DATABASE_URL set starts no
 * PostgreSQL of its own, migrates the given database, runs the engine (schema "hatchet"), the worker
 * and the console on it; accounts and a campaign written through the console's API get journeys
 * the worker runs on that engine and database. Ctrl-C leaves the external server alone.
 */
describe("npm start with an external DATABASE_URL", { timeout: 900_000 }, () => {
  let external: RunningPostgres | undefined;
  const folder = mkdtempSync(join(tmpdir(), "recourse-ext-"));
  chmodSync(folder, 0o755);
  const extDataDir = join(folder, "data");
  after(async () => {
    await external?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  test("migrates the external database, runs engine, worker and console on it, and journeys run there", async () => {
    // The "external" server: a separate PostgreSQL the supervisor did not start and must not stop.
    external = await startEmbeddedPostgres({ dataDir: join(folder, "pg"), port: 0, ephemeral: true });
    await ensureDatabase(external.url, "recourse_external");
    const databaseUrl = external.urlFor("recourse_external");
    const port = await findFreePort();
    const enginePorts: [number, number] = [await findFreePort(), await findFreePort()];
    simPort = await findFreePort();

    const started = await startRecourse(port, await findFreePort(), enginePorts, { dataDir: extDataDir, databaseUrl });
    const output = started.output();
    assert.match(output, /database\s+external\s+DATABASE_URL \(postgresql:\/\/127\.0\.0\.1:\d+\/recourse_external\); no PostgreSQL started here/);
    assert.doesNotMatch(output, /PostgreSQL 18 on 127\.0\.0\.1/, "no embedded PostgreSQL was started");
    assert.ok(!existsSync(join(extDataDir, "pg")), "no cluster in the data folder");
    assert.ok(!output.includes(databaseUrl), "the URL with its password is never printed");
    assert.match(output, /hatchet\s+embedded/);
    assert.match(output, /worker ready: \d+ workflows, role all-in-one/);

    const db = createDb(databaseUrl);
    try {
      const migrations = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`;
      assert.ok((migrations[0]?.n ?? 0) >= 1, "the migrations were applied to the external database");
      const engineSchema = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'hatchet'`;
      assert.ok((engineSchema[0]?.n ?? 0) > 0, "the embedded engine keeps its state there too");
      const healthz = await fetch(`http://127.0.0.1:${port}/healthz`);
      assert.equal(healthz.status, 200);

      // Through the console's API: accounts and a campaign, written to the external database.
      const { key } = await createApiKey(db, { name: "start test", scopes: ["admin"], rateLimitPerMinute: 10_000 }, { type: "SYSTEM", id: null });
      const api = (method: string, path: string, body?: unknown) =>
        fetch(`http://127.0.0.1:${port}${path}`, { method, headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: body === undefined ? null : JSON.stringify(body) });
      assert.equal((await api("POST", "/api/v1/accounts/bulk", { items: [accountItem(1), accountItem(2), accountItem(3)] })).status, 200);
      const created = await api("POST", "/api/v1/campaigns", { name: "external db", strategy: { maxAttempts: 3, cadence: { hoursBetweenAttempts: 24 }, callingWindow: {}, agentScriptId: "s1" } });
      assert.equal(created.status, 201);
      const campaign = (await created.json()) as { id: string };
      // What campaign-launch does (enrol, start one journey per account), done here through the SDK
      // against the supervisor's engine, as any Hatchet client would.
      await db.campaign.update({ where: { id: campaign.id }, data: { status: "RUNNING" } });
      const engineEnv = Object.fromEntries(readFileSync(join(extDataDir, "engine.env"), "utf8").trim().split("\n").map((line) => line.split(/=(.*)/s).slice(0, 2)));
      Object.assign(process.env, engineEnv, { HATCHET_CLIENT_LOG_LEVEL: "ERROR" });
      const hatchet = HatchetClient.init();
      const accounts = await db.account.findMany({ select: { id: true } });
      for (const account of accounts) {
        const enrollment = await db.enrollment.create({ data: { campaignId: campaign.id, accountId: account.id } });
        const ref = await hatchet.runNoWait("collection-journey", { enrollmentId: enrollment.id, accountId: account.id, campaignId: campaign.id });
        await db.enrollment.update({ where: { id: enrollment.id }, data: { workflowRunId: await ref.getWorkflowRunId() } });
      }

      // The all-in-one worker runs each journey's first plan step, which moves its enrollment off PENDING.
      let enrollments: { journeyStatus: string }[] = [];
      for (let i = 0; i < 900; i++) {
        enrollments = await db.enrollment.findMany({ where: { campaignId: campaign.id }, select: { journeyStatus: true } });
        if (enrollments.every((e) => e.journeyStatus !== "PENDING")) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.equal(enrollments.length, 3);
      assert.ok(enrollments.every((e) => e.journeyStatus !== "PENDING"), JSON.stringify(enrollments));
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      assert.match(metrics, /^recourse_journeys\{state="PENDING"\} 0$/m, "the console's /metrics reads the same database");

      assert.equal(await stopWithCtrlC(started), 0);
      const stillUp = await db.$queryRaw<{ ok: number }[]>`SELECT 1 AS ok`;
      assert.equal(stillUp[0]?.ok, 1, "the external PostgreSQL is left running");
    } finally {
      await db.$disconnect();
    }
  });
});
