import { randomUUID } from "node:crypto";
import { HatchetClient } from "@hatchet-dev/typescript-sdk/v1";
import type { CreateWorkerOpts } from "@hatchet-dev/typescript-sdk/v1/client/worker/worker";
import { VirtualClock } from "../clock";
import { startEngine, type RunningEngine } from "../index";

type Worker = Awaited<ReturnType<HatchetClient["worker"]>>;
type Registrable = NonNullable<CreateWorkerOpts["workflows"]>;

export interface TimeHarness {
  engine: RunningEngine;
  /** The engine's clock: `advance("30d")`, `advanceTo(date)`; every sleep, schedule and cron follows it. */
  clock: VirtualClock;
  /** An SDK client for this engine (the HATCHET_CLIENT_* variables are set too, for modules that make their own). */
  hatchet: HatchetClient;
  /** Starts a worker with these workflows and waits until it is registered. */
  startWorker(workflows: Registrable, options?: { name?: string; slots?: number; durableSlots?: number }): Promise<Worker>;
  /** Moves time and gives the engine a moment to fire what became due. */
  advance(span: string | number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Time control for tests and demos (what Hatchet itself lacks): an embedded engine on a virtual
 * clock over `databaseUrl`, a client, and workers — then trigger, push events, `advance("3d")`
 * and await results without waiting those days.
 */
export async function startTimeHarness(options: { databaseUrl: string; start?: Date; /** Heartbeat silence before a lost worker's tasks are reassigned (crash tests shorten it). */ workerLossTimeoutMs?: number }): Promise<TimeHarness> {
  const clock = new VirtualClock();
  if (options.start) clock.advanceTo(options.start);
  const engine = await startEngine({ databaseUrl: options.databaseUrl, grpcPort: 0, restPort: 0, clock, sweepIntervalMs: 200, ...(options.workerLossTimeoutMs ? { workerLossTimeoutMs: options.workerLossTimeoutMs } : {}) });
  Object.assign(process.env, engine.clientEnv, { HATCHET_CLIENT_NAMESPACE: `t${randomUUID().slice(0, 8)}`, HATCHET_CLIENT_LOG_LEVEL: process.env.HATCHET_CLIENT_LOG_LEVEL ?? "ERROR" });
  const hatchet = HatchetClient.init();
  const workers: Worker[] = [];
  return {
    engine,
    clock,
    hatchet,
    async startWorker(workflows, workerOptions = {}) {
      const worker = await hatchet.worker(workerOptions.name ?? `time-harness-${workers.length + 1}`, { workflows, slots: workerOptions.slots ?? 50, ...(workerOptions.durableSlots ? { durableSlots: workerOptions.durableSlots } : {}) });
      workers.push(worker);
      void worker.start();
      await worker.waitUntilReady(30_000);
      return worker;
    },
    async advance(span) {
      clock.advance(span);
      // The timer fires on the jump; one turn of the event loop lets its transaction start.
      await new Promise((resolve) => setTimeout(resolve, 50));
    },
    async stop() {
      for (const worker of workers) await worker.stop().catch(() => undefined);
      await engine.stop();
    },
  };
}
