import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { HatchetClient } from "@hatchet-dev/typescript-sdk/v1";
import { startEngine, type RunningEngine } from "../engine/index";
import { JourneyPlanSchema } from "../lib/contracts/journey";
import { createDb, type Db } from "../lib/db";
import { createTestDatabase, type TestDatabase } from "../lib/testing/database";
import { parsePrometheusText } from "../lib/testing/prometheus-text";
import { createDialableDebtor } from "../lib/testing/factories";
import type { ScaledRole } from "./role-names";

/**
 * The scaled-out topology on one machine: one real worker process per role (workers/main.ts with
 * RECOURSE_WORKER_ROLE) on the embedded engine. Each answers /healthz with its role and /metrics;
 * a task is run only by the role that serves it, and its metrics move only there; the core worker
 * reports the database gauges, the others do not; SIGTERM drains and exits 0.
 */
interface RoleWorker {
  child: ChildProcess;
  url: string;
  output: () => string;
}

let database: TestDatabase;
let db: Db;
let engine: RunningEngine;
let hatchet: HatchetClient;
const workers = {} as Record<ScaledRole, RoleWorker>;
const namespace = `roles${randomUUID().slice(0, 6)}`;

async function startRoleWorker(role: ScaledRole): Promise<RoleWorker> {
  const child = spawn(process.execPath, ["--import", "tsx", "workers/main.ts"], {
    env: { ...process.env, ...engine.clientEnv, HATCHET_CLIENT_NAMESPACE: namespace, HATCHET_CLIENT_LOG_LEVEL: "ERROR", DATABASE_URL: database.url, RECOURSE_WORKER_ROLE: role, RECOURSE_WORKER_HEALTH_PORT: "0", LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  for (let i = 0; i < 1200; i++) {
    const ready = output.match(/^worker ready: .* health on (http:\/\/[\d.]+:\d+)\/healthz/m);
    if (ready) return { child, url: ready[1]!, output: () => output };
    if (child.exitCode !== null) assert.fail(`the ${role} worker exited with ${child.exitCode}:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  assert.fail(`the ${role} worker was not ready:\n${output}`);
}

async function scrape(url: string): Promise<Map<string, number>> {
  const response = await fetch(`${url}/metrics`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type") ?? "", /^text\/plain/);
  return parsePrometheusText(await response.text());
}

describe("worker roles as processes", { timeout: 600_000 }, () => {
  before(async () => {
    database = await createTestDatabase({ migrate: true });
    db = createDb(database.url);
    engine = await startEngine({ databaseUrl: database.url, grpcPort: 0, restPort: 0, sweepIntervalMs: 200 });
    const started = await Promise.all((["voice", "llm", "core"] as const).map(async (role) => [role, await startRoleWorker(role)] as const));
    for (const [role, worker] of started) workers[role] = worker;
    Object.assign(process.env, engine.clientEnv, { HATCHET_CLIENT_NAMESPACE: namespace, HATCHET_CLIENT_LOG_LEVEL: "ERROR" });
    hatchet = HatchetClient.init();
  });

  after(async () => {
    for (const worker of Object.values(workers)) if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
    await engine?.stop();
    await db?.$disconnect();
    await database?.drop();
  });

  test("each worker reports its role and the workflows it serves on /healthz", async (t) => {
    const expected: Record<ScaledRole, number> = { voice: 1, llm: 1, core: 0 };
    for (const role of ["voice", "llm", "core"] as const) {
      const response = await fetch(`${workers[role].url}/healthz`);
      assert.equal(response.status, 200, role);
      const body = (await response.json()) as { status: string; role: string; workflows: number; outbox: { count: number } };
      assert.equal(body.status, "ok");
      assert.equal(body.role, role);
      if (expected[role] > 0) assert.equal(body.workflows, expected[role], role);
      else assert.ok(body.workflows >= 4, `core serves the rest (${body.workflows})`);
      assert.equal(typeof body.outbox.count, "number");
      // Sizing data for README: an idle worker's resident memory, as its own /metrics reports it.
      const rss = (await scrape(workers[role].url)).get("recourse_process_resident_memory_bytes") ?? 0;
      t.diagnostic(`${role} worker, idle: ${Math.round(rss / 2 ** 20)} MiB resident`);
    }
    assert.equal((await fetch(`${workers.voice.url}/nope`)).status, 404);
  });

  test("a dial runs on the voice worker only, and only its metrics move", async () => {
    const before = await Promise.all([scrape(workers.voice.url), scrape(workers.core.url)]);
    const key = 'recourse_step_duration_seconds_count{step="call-dial",result="error"}';
    assert.equal(before[0].get(key) ?? 0, 0);
    // An attempt that does not exist: the dial step fails for good (NOT_FOUND is not retryable).
    await assert.rejects(hatchet.run("call-dial", { attemptId: "missing-attempt", enrollmentId: "missing-enrollment", accountId: "missing-account" }), /NOT_FOUND/);
    const after = await Promise.all([scrape(workers.voice.url), scrape(workers.core.url)]);
    assert.equal(after[0].get(key), 1, "the voice worker ran the dial once");
    assert.equal(after[1].get(key) ?? 0, 0, "the core worker never ran it");
  });

  test("a plan step runs on core; core reports journeys by state, voice and llm do not", async () => {
    const key = 'recourse_step_duration_seconds_count{step="journey-plan-step",result="ok"}';
    const pending = 'recourse_journeys{state="PENDING"}';
    const first = await scrape(workers.core.url);
    assert.equal(first.get(key) ?? 0, 0);
    assert.equal(first.get(pending), 0);
    assert.ok(first.has("recourse_outbox_backlog_events") && first.has("recourse_outbox_lag_seconds"));

    const { account } = await createDialableDebtor(db);
    const campaign = await db.campaign.create({ data: { name: "metrics", status: "RUNNING", strategy: {}, segment: {} } });
    await db.enrollment.create({ data: { campaignId: campaign.id, accountId: account.id } });
    // Run by name, a standalone task's output comes keyed by its task name.
    const output = (await hatchet.run("journey-plan-step", { enrollmentId: "no-such-enrollment", step: 1 })) as Record<string, unknown>;
    const plan = JourneyPlanSchema.parse(output["journey-plan-step"]);
    assert.deepEqual([plan.action, plan.action === "end" ? plan.status : null], ["end", "FAILED"]);

    const second = await scrape(workers.core.url);
    assert.equal(second.get(key), 1);
    assert.equal(second.get(pending), 1, "the new enrollment shows up as a pending journey");
    for (const role of ["voice", "llm"] as const) assert.equal((await scrape(workers[role].url)).has(pending), false, `${role} does not report database gauges`);
  });

  test("SIGTERM drains a worker and it exits 0", async () => {
    const { child } = workers.llm;
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    assert.equal(await exited, 0, workers.llm.output());
  });
});
