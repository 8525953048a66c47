/**
 * Crash test: a worker killed with SIGKILL mid-task. Its heartbeats stop, the engine reassigns
 * the task to another worker without spending the task's app retries (it has none), and the run
 * completes there.
 */
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { HatchetClient } from "@hatchet-dev/typescript-sdk/v1";
import { killHard, readExecutions, startWorkerProcess } from "./crash/processes";
import { crashWorkflows } from "./crash/workflows";
import { startEngineFixture, type EngineFixture } from "./fixture";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let fixture: EngineFixture;
let folder: string;
const children: ChildProcess[] = [];

before(async () => {
  fixture = await startEngineFixture({ workerLossTimeoutMs: 5_000 });
  folder = mkdtempSync(join(tmpdir(), "recourse-crash-"));
});

after(async () => {
  for (const child of children) await killHard(child);
  await fixture?.stop();
  rmSync(folder, { recursive: true, force: true });
});

test("kill -9 a worker mid-task: the task is reassigned, completes once elsewhere, and spends no retry", { timeout: 120_000 }, async () => {
  const logFile = join(folder, "executions.log");
  const hatchet = HatchetClient.init();
  const { slow } = crashWorkflows(hatchet, { workerName: "test", logFile });
  const first = await startWorkerProcess("crash-a", logFile, process.env);
  children.push(first.child);

  const ref = await slow.runNoWait({ ms: 4_000 });
  const runId = await ref.getWorkflowRunId();
  for (let i = 0; i < 200 && !readExecutions(logFile).some((e) => e.what === "start"); i++) await sleep(50);
  assert.deepEqual(readExecutions(logFile).map((e) => `${e.what} ${e.worker}`), ["start crash-a"]);
  await killHard(first.child);

  const second = await startWorkerProcess("crash-b", logFile, process.env);
  children.push(second.child);
  assert.deepEqual(await ref.output, { worker: "crash-b" });

  const executions = readExecutions(logFile);
  assert.deepEqual(executions.map((e) => `${e.what} ${e.worker} ${e.retryCount}`), ["start crash-a 0", "start crash-b 1", "done crash-b 1"]);
  const run = await hatchet.runs.get(runId);
  assert.equal(run.run.status, "COMPLETED");
  const types: string[] = run.taskEvents.map((e) => e.eventType);
  assert.ok(!types.includes("FAILED") && !types.includes("RETRYING"), `events: ${types.join(", ")}`);
  assert.ok(types.includes("REASSIGNED"), `events: ${types.join(", ")}`);
});
