/**
 * Crash test: a worker killed with SIGKILL while a durable task sleeps. The engine reassigns the
 * task; the new worker's invocation replays the log and wakes at the sleep's original deadline
 * (a replay never restarts the clock), and the task completes once.
 */
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { HatchetClient } from "@hatchet-dev/typescript-sdk/v1";
import { killHard, startWorkerProcess } from "./crash/processes";
import { durableCrashWorkflow } from "./crash/workflows";
import { startEngineFixture, type EngineFixture } from "./fixture";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let fixture: EngineFixture;
let folder: string;
const children: ChildProcess[] = [];

const lines = (file: string) => {
  try {
    return readFileSync(file, "utf8").trim().split("\n").filter(Boolean).map((line) => line.split(" "));
  } catch {
    return [];
  }
};

before(async () => {
  fixture = await startEngineFixture({ workerLossTimeoutMs: 5_000 });
  folder = mkdtempSync(join(tmpdir(), "recourse-durable-crash-"));
});

after(async () => {
  for (const child of children) await killHard(child);
  await fixture?.stop();
  rmSync(folder, { recursive: true, force: true });
});

test("kill -9 the worker during sleepFor('10s'): another worker replays and wakes at the original deadline", { timeout: 120_000 }, async () => {
  const logFile = join(folder, "durable.log");
  const hatchet = HatchetClient.init();
  const durable = durableCrashWorkflow(hatchet, { workerName: "test", logFile });
  const first = await startWorkerProcess("durable-a", logFile, process.env);
  children.push(first.child);

  const ref = await durable.runNoWait({ sleep: "10s" });
  for (let i = 0; i < 200 && !lines(logFile).some(([what]) => what === "sleep"); i++) await sleep(50);
  const [, , invocation, worker, startedAt] = lines(logFile).find(([what]) => what === "sleep")!;
  assert.deepEqual([invocation, worker], ["1", "durable-a"]);
  await sleep(500); // the wait is recorded
  await killHard(first.child);

  const second = await startWorkerProcess("durable-b", logFile, process.env);
  children.push(second.child);
  const output = await ref.output;
  assert.equal(output.worker, "durable-b");
  assert.equal(output.invocation, 2, "the reassigned attempt is the second invocation");
  assert.equal(output.startedAt, Number(startedAt), "the memo kept the first invocation's start");
  const deadline = Number(startedAt) + 10_000;
  // Restarting the sleep on replay would wake ≥ 15 s after the start (5 s to notice the loss + 10 s).
  assert.ok(output.wokeAt >= deadline - 100, `woke ${output.wokeAt - deadline} ms before the deadline`);
  assert.ok(output.wokeAt <= deadline + 2_000, `woke ${output.wokeAt - deadline} ms after the deadline`);
  const woke = lines(logFile).filter(([what]) => what === "woke");
  assert.equal(woke.length, 1, "the task finished once");
});
