/**
 * kill -9 of the worker while the journey's dial step is in flight: the simulator holds the call
 * in its ringing phase (the SIP participant exists, the number is being dialled), the worker
 * process is SIGKILLed, a new worker takes the reassigned tasks over, and the number is still
 * dialled once, with one attempt row, and the journey goes on to its end.
 */
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";
import { killHard, startProcess } from "../engine/conformance/crash/processes";
import { startJourneyHarness, type JourneyHarness } from "./testing/journey-harness";

const WORKER = fileURLToPath(new URL("./testing/journey-worker-process.ts", import.meta.url));

describe("a worker killed during the dial step", { timeout: 180_000 }, () => {
  let h: JourneyHarness;
  const children: ChildProcess[] = [];

  before(async () => {
    // No in-process worker: the workflows run only in the child processes. Lost workers are
    // noticed after 10 s of heartbeat silence (the SDK beats every 4 s; shorter mistakes a busy machine for a dead worker).
    h = await startJourneyHarness({ startWorker: false, workerLossTimeoutMs: 10_000 });
  });
  after(async () => {
    for (const child of children) await killHard(child);
    await h?.stop();
  });

  async function startWorker(name: string): Promise<ChildProcess> {
    const env = { ...process.env, JOURNEY_WORKER_DATABASE_URL: h.databaseUrl, JOURNEY_WORKER_LIVEKIT_URL: h.sim.url, JOURNEY_WORKER_NOW: h.harness.clock.now().toISOString() };
    const { child } = await startProcess(WORKER, [name], env, /^ready$/m);
    children.push(child);
    return child;
  }

  const dialTasks = (enrollmentId: string) =>
    h.db.$queryRaw<{ status: string; internal_retry_count: number; app_retry_count: number }[]>`
      SELECT t.status, t.internal_retry_count, t.app_retry_count FROM hatchet.tasks t JOIN hatchet.runs r ON r.id = t.run_id
       WHERE r.workflow_name LIKE '%call-dial' AND r.input->>'enrollmentId' = ${enrollmentId}`;

  test("SIGKILL mid-dial: one SIP dial, one attempt row, the journey continues on the new worker", async () => {
    const first = await startWorker("crash-a");
    const release = h.sim.holdDials();
    const { enrollmentId, phone, ref } = await h.enroll("disputes");
    // The dial is in flight: the simulator has the SIP participant ringing, the step is waiting on it.
    await h.until(async () => h.sim.dialCount(phone.number), (n) => n === 1, "the SIP dial");
    await h.until(() => dialTasks(enrollmentId), (rows) => rows[0]?.status === "RUNNING", "the call-dial task running");
    await killHard(first);

    await startWorker("crash-b");
    release();
    const result = await ref.output;
    assert.equal(result.status, "DISPUTED", `the journey went on to its end: ${result.reason}`);
    assert.equal(h.sim.dialCount(phone.number), 1, "the number was dialled once");
    assert.equal(await h.db.callAttempt.count({ where: { enrollmentId } }), 1, "one attempt row");
    const attempt = await h.db.callAttempt.findFirstOrThrow({ where: { enrollmentId } });
    assert.equal(attempt.outcome, "DISPUTE");
    assert.equal(await h.db.complianceDecision.count({ where: { enrollmentId, decision: "ALLOW" } }), 1);
    // The dial step really was taken over: reassigned by the engine (an internal retry), no app retry spent.
    const tasks = await dialTasks(enrollmentId);
    assert.equal(tasks.length, 1);
    assert.equal(tasks[0]!.status, "COMPLETED");
    assert.ok(tasks[0]!.internal_retry_count >= 1, `reassigned: ${JSON.stringify(tasks)}`);
    assert.equal(tasks[0]!.app_retry_count, 0);
  });
});
