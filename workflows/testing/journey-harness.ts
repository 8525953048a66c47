import { startTimeHarness, type TimeHarness } from "../../engine/testing/time-harness";
import type { CampaignStrategy } from "../../lib/contracts/campaign-strategy";
import { createDb, type Db } from "../../lib/db";
import { hatchetPublisher } from "../../lib/outbox/hatchet-publisher";
import { runOutboxRelay } from "../../lib/outbox/run-relay";
import { createTestDatabase, type TestDatabase } from "../../lib/testing/database";
import { createDialableDebtor } from "../../lib/testing/factories";
import { nextLocalTime } from "../../lib/testing/next-local-time";
import { startSimulatedWorld, type SimulatedWorld } from "../../lib/testing/simulated-world";
import type { LiveKitSim } from "../../sim/livekit/server";
import type { Persona } from "../../sim/livekit/personas";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A started journey run: its output and its run id (the SDK's WorkflowRunRef, as far as tests use it). */
export interface JourneyRef {
  readonly output: Promise<{ status: string; reason: string; steps: number }>;
  getWorkflowRunId(): Promise<string>;
}

export interface JourneyHarness {
  db: Db;
  databaseUrl: string;
  harness: TimeHarness;
  world: SimulatedWorld;
  sim: LiveKitSim;
  /** A dialable debtor with this persona on its line, enrolled in a campaign (a new RUNNING one unless given), its journey started. */
  enroll(persona: Persona, options?: { strategy?: Partial<CampaignStrategy>; campaignId?: string }): Promise<Awaited<ReturnType<typeof createDialableDebtor>> & { campaignId: string; enrollmentId: string; ref: JourneyRef }>;
  /** Polls `read` until `done` (every 100 ms, up to a minute), then fails with the journeys' state. */
  until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T>;
  /** The journey's durable task is asleep (its wait is written): only then may time move. */
  sleeping(ref: JourneyRef): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * The collection journey's integration setup, shared by its test files: a fresh database, the
 * embedded engine on a virtual clock (a Tuesday, 15:00 in New York), the simulated call world
 * (lib/testing/simulated-world.ts) as the workflows' dependencies, a worker with every workflow
 * and the outbox relay publishing to the engine.
 */
export async function startJourneyHarness(options: { seed?: number; workerLossTimeoutMs?: number; startWorker?: boolean } = {}): Promise<JourneyHarness> {
  const database: TestDatabase = await createTestDatabase({ migrate: true });
  const db = createDb(database.url);
  const harness = await startTimeHarness({ databaseUrl: database.url, start: nextLocalTime(2, "15:00", "America/New_York"), ...(options.workerLossTimeoutMs ? { workerLossTimeoutMs: options.workerLossTimeoutMs } : {}) });
  const world = await startSimulatedWorld({ db, seed: options.seed ?? 11, speed: 1_000, now: () => harness.clock.now() });
  (await import("../deps")).setWorkflowDeps(world.deps);
  const journey = (await import("../collection-journey")).collectionJourney;
  if (options.startWorker !== false) await harness.startWorker((await import("../index")).allWorkflows, { name: "journey-test", slots: 100, durableSlots: 200 });
  const relay = new AbortController();
  void runOutboxRelay(db, hatchetPublisher(harness.hatchet), { signal: relay.signal, idleMs: 50 });

  const until: JourneyHarness["until"] = async (read, done, what) => {
    for (let i = 0; i < 600; i++) {
      const value = await read();
      if (done(value)) return value;
      await sleep(100);
    }
    const state = {
      enrollments: await db.enrollment.findMany({ select: { journeyStatus: true, closedReason: true, nextActionAt: true } }),
      attempts: await db.callAttempt.findMany({ select: { outcome: true, placedAt: true, endedAt: true } }),
    };
    throw new Error(`timed out waiting for ${what}: ${JSON.stringify(state)}`);
  };

  return {
    db,
    databaseUrl: database.url,
    harness,
    world,
    sim: world.sim,
    async enroll(persona, enrollOptions = {}) {
      const fixture = await createDialableDebtor(db);
      world.sim.setPersona(fixture.phone.number, persona);
      const campaignId = enrollOptions.campaignId ?? (await db.campaign.create({ data: { name: `journey ${persona}`, status: "RUNNING", strategy: enrollOptions.strategy ?? {}, segment: {} } })).id;
      const enrollment = await db.enrollment.create({ data: { campaignId, accountId: fixture.account.id } });
      const ref = await journey.runNoWait({ enrollmentId: enrollment.id, accountId: fixture.account.id, campaignId });
      await db.enrollment.update({ where: { id: enrollment.id }, data: { workflowRunId: await ref.getWorkflowRunId() } });
      return { ...fixture, campaignId, enrollmentId: enrollment.id, ref };
    },
    until,
    async sleeping(ref) {
      const runId = await ref.getWorkflowRunId();
      const rows = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM hatchet.waits w JOIN hatchet.tasks t ON t.id = w.task_id
        WHERE t.run_id = ${runId}::uuid AND w.kind = 'SLEEP' AND w.satisfied_at IS NULL`;
      return (rows[0]?.n ?? 0) > 0;
    },
    async stop() {
      relay.abort();
      await harness.stop();
      await world.stop();
      await db.$disconnect();
      await database.drop();
    },
  };
}
