/**
 * Crash test: the engine killed with SIGKILL while a durable task sleeps for a (virtual) day,
 * then started again with its clock a day ahead — as if the day passed while it was down. The
 * sleep fires on start, the worker (which never stopped) gets its completion, and the task
 * completes once.
 */
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { HatchetClient } from "@hatchet-dev/typescript-sdk/v1";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "../../lib/testing/database";
import { freePort, killHard, startEngineProcess, startWorkerProcess } from "./crash/processes";
import { durableCrashWorkflow } from "./crash/workflows";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let database: TestDatabase;
let folder: string;
const children: ChildProcess[] = [];

before(async () => {
  database = await createTestDatabase();
  folder = mkdtempSync(join(tmpdir(), "recourse-durable-engine-crash-"));
});

after(async () => {
  for (const child of children) await killHard(child);
  await database?.drop();
  rmSync(folder, { recursive: true, force: true });
});

test("kill -9 the engine during a one-day sleep, restart it a day later: the task completes once", { timeout: 120_000 }, async () => {
  const engineEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    ENGINE_GRPC_PORT: String(await freePort()),
    ENGINE_REST_PORT: String(await freePort()),
    RECOURSE_DATA_DIR: folder,
    ENGINE_SWEEP_INTERVAL_MS: "200",
  };
  const first = await startEngineProcess(engineEnv);
  children.push(first.child);
  Object.assign(process.env, first.clientEnv, { HATCHET_CLIENT_NAMESPACE: `t${randomUUID().slice(0, 8)}`, HATCHET_CLIENT_LOG_LEVEL: "ERROR" });
  const logFile = join(folder, "durable.log");
  const worker = await startWorkerProcess("durable-worker", logFile, process.env);
  children.push(worker.child);

  const hatchet = HatchetClient.init();
  const durable = durableCrashWorkflow(hatchet, { workerName: "test", logFile });
  const ref = await durable.runNoWait({ sleep: "24h" });
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  try {
    for (let i = 0; i < 200; i++) {
      const { rows } = await db.query("SELECT 1 FROM hatchet.waits WHERE kind = 'SLEEP'");
      if (rows.length > 0) break;
      await sleep(50);
    }
    const { rows: [wait] } = await db.query<{ due_at: Date }>("SELECT due_at FROM hatchet.waits WHERE kind = 'SLEEP'");
    assert.ok(wait, "the sleep is recorded");
    // The row commits just before the engine acks the wait; a kill in between fails the SDK's
    // pending ack (the task would fail, not sleep). Let the ack reach the worker first.
    await sleep(500);
    await killHard(first.child);
    await sleep(300);
    const second = await startEngineProcess({ ...engineEnv, ENGINE_CLOCK_OFFSET: "1d" });
    children.push(second.child);

    const output = await ref.output;
    assert.equal(output.worker, "durable-worker");
    assert.equal(output.invocation, 1, "the worker kept its invocation through the engine's restart");
    const woke = readFileSync(logFile, "utf8").split("\n").filter((line) => line.startsWith("woke "));
    assert.equal(woke.length, 1, "the task finished once");
    const { rows: tasks } = await db.query<{ status: string }>("SELECT status FROM hatchet.tasks WHERE id = $1", [await ref.getWorkflowRunId()]);
    assert.deepEqual(tasks, [{ status: "COMPLETED" }]);
    const { rows: left } = await db.query("SELECT 1 FROM hatchet.waits");
    assert.equal(left.length, 0, "the fired sleep left no wait behind");
  } finally {
    await db.end();
  }
});
