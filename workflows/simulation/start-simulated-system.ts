import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HatchetClient } from "@hatchet-dev/typescript-sdk/v1";
import pg from "pg";
import { startEngineProcess } from "../../cli/engine-process";
import { VirtualClock } from "../../engine/clock";
import { createDb, type Db } from "../../lib/db";
import { hatchetPublisher } from "../../lib/outbox/hatchet-publisher";
import { runOutboxRelay } from "../../lib/outbox/run-relay";
import { findFreePort } from "../../lib/postgres/ports";
import { startSimulatedWorld } from "../../lib/testing/simulated-world";

/** How long the worker may take to stop gracefully once a simulation or benchmark is over. */
const STOP_GRACE_MS = 10_000;

export interface SimulatedSystemOptions {
  databaseUrl: string;
  /** Where the shared virtual clock starts. */
  start: Date;
  seed?: number;
  /** sim/livekit's time compression. */
  speed?: number;
  /**
   * Slots in all, shared out among the workers. The process's dial transactions go four at a
   * time (lib/compliance/reserve-dial.ts): many more steps at once only wait there, toward their
   * execution timeout (4,000 slots at a 10,000-account launch: plan steps cancelled by the
   * thousand after two minutes in that queue).
   */
  slots: number;
  /** Durable slots in all, shared out among the workers. */
  durableSlots: number;
  /**
   * Hatchet workers, each with a client (connections, durable listener) of its own, as separate
   * worker processes would have. The SDK's per-worker bookkeeping grows with the journeys waiting
   * on that worker (every new wait reports all of them), so a large portfolio needs several.
   */
  workers?: number;
  /**
   * The workers' Hatchet namespace (workflow names are prefixed with it). A resumed simulation
   * passes the one it started with, or its runs' workflows would be unknown to the new workers.
   */
  namespace?: string;
  /** A simulated trunk: the dial rate limit (calls per second) the workflows are declared with. */
  trunkDialsPerSecond: number;
  log: (line: string) => void;
}

export interface SimulatedSystem {
  readonly db: Db;
  readonly namespace: string;
  /** A small pool of its own for the engine's tables (counts while everything else is busy). */
  readonly sql: pg.Pool;
  readonly hatchet: HatchetClient;
  readonly clock: VirtualClock;
  /** Moves the engine's clock and this process's mirror of it. */
  moveClock(to: Date): Promise<void>;
  /** Resolves once every simulated call so far has ended and its webhooks and transcript were delivered. */
  callsSettled(): Promise<void>;
  /**
   * Durable requests (waits, memos, child runs, evictions) the workers sent and the engine has
   * not acknowledged yet. The engine's tables cannot show them: a journey replaying its log on a
   * new worker (after a resume) looks like one still waiting, while its requests are in flight.
   */
  durableRequestsInFlight(): number;
  /**
   * Reconnects every worker's durable stream, as the SDK does after a network failure, skipping a
   * stream with a request in flight (a reconnect fails those, and the task with them: after a
   * resume that failed 254 replaying journeys). The SDK (1.33.2) adds an abort listener to its
   * stream's signal each time its request queue runs dry and never removes it, and each add walks
   * all the earlier ones: at a 10,000-account launch that was 18 % of the driver's CPU, growing
   * with the square of the requests since the stream opened. A new stream starts a new signal.
   */
  renewDurableStreams(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Recourse on one machine under a virtual clock, for the compliance simulation and bench/launch:
 * the embedded engine in its own process (a core of its own) on a clock this process moves over
 * REST, mirrored here for everything else (the planner, the gate, the call simulator); the real
 * workflows on all-in-one workers; sim/livekit with the offline summarizer; the outbox relay.
 */
export async function startSimulatedSystem(options: SimulatedSystemOptions): Promise<SimulatedSystem> {
  const db = createDb(options.databaseUrl, { max: 20 });
  const sql = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
  const folder = mkdtempSync(join(tmpdir(), "recourse-simulation-"));
  const quiet = { info: () => undefined, warn: () => undefined, error: (m: string) => options.log(`engine: ${m}`), pipe: () => undefined };
  const engine = await startEngineProcess({
    env: { ...process.env, DATABASE_URL: options.databaseUrl, ENGINE_VIRTUAL_CLOCK: "1", ENGINE_GRPC_PORT: String(await findFreePort()), ENGINE_REST_PORT: String(await findFreePort()), RECOURSE_DATA_DIR: folder },
    log: quiet,
  });
  const namespace = options.namespace ?? `sim${Date.now().toString(36)}`;
  Object.assign(process.env, engine.clientEnv, { HATCHET_CLIENT_NAMESPACE: namespace, HATCHET_CLIENT_LOG_LEVEL: process.env.HATCHET_CLIENT_LOG_LEVEL ?? "ERROR" });
  // Read when the workflows are declared (below): set before they are imported. Step logs (one
  // line per step) would bury the simulation's own report.
  process.env.RECOURSE_TRUNK_DIALS_PER_SECOND ??= String(options.trunkDialsPerSecond);
  process.env.LOG_LEVEL ??= "warn";
  const clock = new VirtualClock();
  const moveClock = async (to: Date) => {
    const response = await fetch(`${engine.clientEnv.HATCHET_CLIENT_API_URL}/api/v1/engine/clock`, {
      method: "POST",
      headers: { authorization: `Bearer ${engine.clientEnv.HATCHET_CLIENT_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ advanceTo: to.toISOString() }),
    });
    if (!response.ok) throw new Error(`the engine refused to move its clock: ${response.status}`);
    if (to > clock.now()) clock.advanceTo(to);
  };
  await moveClock(options.start);
  const { hatchet } = await import("../hatchet-client");
  const world = await startSimulatedWorld({ db, seed: options.seed ?? 1, speed: options.speed ?? 5_000, now: () => clock.now(), simFollowsClock: true });
  const relay = new AbortController();
  let relayDone: Promise<void> = Promise.resolve();
  let stopWorker: () => Promise<void> = async () => undefined;
  let clients: HatchetClient[] = [];
  const stop = async () => {
    relay.abort();
    // A graceful stop waits for every running task, and tasks whose children can no longer be
    // assigned (the worker pauses itself first) wait for good: the run is over, give it a moment.
    await Promise.race([stopWorker().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref())]);
    await relayDone.catch(() => undefined);
    await engine.child.stop();
    rmSync(folder, { recursive: true, force: true });
    await world.stop();
    await sql.end();
    await db.$disconnect();
  };
  try {
    const { setWorkflowDeps } = await import("../deps");
    setWorkflowDeps(world.deps);
    const { allWorkflows } = await import("../index");
    const count = Math.max(1, options.workers ?? 1);
    // The first worker uses the process's client (the workflows are declared on it); the others
    // connect on their own. The engine spreads tasks over workers round-robin.
    clients = [hatchet, ...Array.from({ length: count - 1 }, () => HatchetClient.init())];
    const workers = await Promise.all(
      clients.map((client, i) => client.worker(count === 1 ? "simulation" : `simulation-${i + 1}`, { workflows: allWorkflows, slots: Math.ceil(options.slots / count), durableSlots: Math.ceil(options.durableSlots / count) })),
    );
    stopWorker = async () => {
      await Promise.all(workers.map((worker) => worker.stop()));
    };
    for (const worker of workers) void worker.start();
    await Promise.all(workers.map((worker) => worker.waitUntilReady(60_000)));
    relayDone = runOutboxRelay(db, hatchetPublisher(hatchet), { signal: relay.signal, idleMs: 20, batchSize: 500 });
  } catch (error) {
    await stop();
    throw error;
  }
  const durableRequestsInFlight = () => clients.reduce((sum, client) => sum + (unacknowledgedRequests(client.durableListener) ?? 0), 0);
  const renewDurableStreams = async () => {
    for (const client of clients) {
      const listener = client.durableListener;
      const workerId = listener.workerId;
      // Checked and stopped in one tick (stop fails the pending acks before its first await):
      // no request can slip in between. Unknown (another SDK version): left alone.
      if (!workerId || unacknowledgedRequests(listener) !== 0) continue;
      await listener.stop();
      await listener.start(workerId);
    }
  };
  return { db, namespace, sql, hatchet, clock, moveClock, callsSettled: () => world.sim.settled(), durableRequestsInFlight, renewDurableStreams, stop };
}

/**
 * The durable listener's requests awaiting the engine's ack, read from the SDK's private maps
 * (1.33.2: the ones its stop() fails); undefined when this SDK version keeps them elsewhere.
 */
function unacknowledgedRequests(listener: HatchetClient["durableListener"]): number | undefined {
  const { _pendingEventAcks: events, _pendingEvictionAcks: evictions } = listener as unknown as { _pendingEventAcks?: unknown; _pendingEvictionAcks?: unknown };
  if (!(events instanceof Map) || !(evictions instanceof Map)) return undefined;
  return events.size + evictions.size;
}
