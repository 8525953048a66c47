/**
 * Crash test: the engine process killed with SIGKILL while runs are in flight, then started again
 * on the same database and ports. Every run completes, nothing is lost, and no task runs again
 * after its completion was recorded (an attempt whose completion died with the engine may run again:
 * delivery is at least once).
 */
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { HatchetClient } from "@hatchet-dev/typescript-sdk/v1";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "../../lib/testing/database";
import { freePort, killHard, readExecutions, startEngineProcess, startWorkerProcess } from "./crash/processes";
import { crashWorkflows } from "./crash/workflows";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let database: TestDatabase;
let folder: string;
const children: ChildProcess[] = [];

before(async () => {
  database = await createTestDatabase();
  folder = mkdtempSync(join(tmpdir(), "recourse-engine-crash-"));
});

after(async () => {
  for (const child of children) await killHard(child);
  await database?.drop();
  rmSync(folder, { recursive: true, force: true });
});

test("kill -9 the engine mid-run and start it again: all runs complete, none lost, no task re-run after COMPLETED", { timeout: 180_000 }, async () => {
  const engineEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    ENGINE_GRPC_PORT: String(await freePort()),
    ENGINE_REST_PORT: String(await freePort()),
    RECOURSE_DATA_DIR: folder,
    ENGINE_SWEEP_INTERVAL_MS: "200",
    // An action written to a worker's stream just before the kill may never arrive.
    ENGINE_ASSIGNMENT_ACK_TIMEOUT_MS: "5000",
  };
  const first = await startEngineProcess(engineEnv);
  children.push(first.child);
  Object.assign(process.env, first.clientEnv, { HATCHET_CLIENT_NAMESPACE: `t${randomUUID().slice(0, 8)}`, HATCHET_CLIENT_LOG_LEVEL: "ERROR" });
  const logFile = join(folder, "executions.log");
  const worker = await startWorkerProcess("crash-worker", logFile, process.env);
  children.push(worker.child);

  const hatchet = HatchetClient.init();
  const { chain } = crashWorkflows(hatchet, { workerName: "test", logFile });
  const refs = [];
  for (let n = 0; n < 20; n++) refs.push(await chain.runNoWait({ n }));
  const runIds = await Promise.all(refs.map((ref) => ref.getWorkflowRunId()));
  // Some tasks done, some running, some still waiting for parents.
  for (let i = 0; i < 200 && readExecutions(logFile).filter((e) => e.what === "done").length < 15; i++) await sleep(20);
  await killHard(first.child);
  const doneWhileUp = readExecutions(logFile).filter((e) => e.what === "done").length;
  assert.ok(doneWhileUp < 60, "the engine died mid-run");
  await sleep(500);
  const second = await startEngineProcess(engineEnv);
  children.push(second.child);

  const outputs = await Promise.all(refs.map((ref) => ref.output));
  outputs.forEach((output, n) => assert.deepEqual((output as { third: unknown }).third, { step: "third", n, fromSecond: "second" }));

  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  try {
    const { rows } = await db.query<{ status: string; n: number }>("SELECT status, count(*)::int AS n FROM hatchet.runs WHERE id = ANY($1) GROUP BY status", [runIds]);
    assert.deepEqual(rows, [{ status: "COMPLETED", n: 20 }]);
    const { rows: tasks } = await db.query<{ id: string; retry_count: number }>("SELECT id, retry_count FROM hatchet.tasks WHERE run_id = ANY($1)", [runIds]);
    assert.equal(tasks.length, 60);
    const { rows: finished } = await db.query<{ task_id: string; retry_count: number }>(
      "SELECT task_id, retry_count FROM hatchet.task_events WHERE event_type = 'FINISHED' AND task_id = ANY($1)",
      [tasks.map((t) => t.id)],
    );
    const executions = readExecutions(logFile);
    for (const task of tasks) {
      const runs = executions.filter((e) => e.taskId === task.id);
      // Completed once, as recorded: one FINISHED event, for the task's last attempt.
      const recorded = finished.filter((f) => f.task_id === task.id);
      assert.deepEqual(recorded.map((f) => f.retry_count), [task.retry_count], `task ${task.id} completed exactly once: ${JSON.stringify(runs)}`);
      // An attempt whose completion the dead engine never recorded may run again (at least once);
      // nothing starts after the recorded one.
      assert.ok(!runs.some((e) => e.what === "start" && e.retryCount > task.retry_count), `task ${task.id} did not start again after it completed: ${JSON.stringify(runs)}`);
      assert.ok(runs.some((e) => e.what === "done" && e.retryCount === task.retry_count), `task ${task.id}: the recorded attempt really ran`);
    }
  } finally {
    await db.end();
  }
});
