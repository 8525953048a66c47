import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { startEngineProcess } from "../../cli/engine-process";
import { VirtualClock } from "../../engine/clock";
import { auditLedger, type AuditReport } from "../../lib/compliance/audit";
import { EVENT } from "../../lib/contracts/names";
import { createDb } from "../../lib/db";
import { TERMINAL_STATUSES, type JourneyStatus } from "../../lib/journey/status";
import { hatchetPublisher } from "../../lib/outbox/hatchet-publisher";
import { runOutboxRelay } from "../../lib/outbox/run-relay";
import { seedPortfolio } from "../../lib/seed/portfolio";
import { findFreePort } from "../../lib/postgres/ports";
import { startSimulatedWorld } from "../../lib/testing/simulated-world";

export interface SimulationOptions {
  databaseUrl: string;
  accounts: number;
  days: number;
  seed?: number;
  /** Virtual time moved per step once everything due has settled. */
  stepMinutes?: number;
  onProgress?: (line: string) => void;
}

export interface SimulationReport {
  accounts: number;
  virtualDays: number;
  realSeconds: number;
  steps: number;
  dials: number;
  outcomes: Record<string, number>;
  journeys: Record<string, number>;
  denials: number;
  /** Non-terminal enrollments whose journey run is no longer alive in the engine. */
  lostJourneys: number;
  audit: AuditReport;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A campaign over `days` virtual days on one machine: the embedded engine on a virtual clock,
 * the real workflows and worker, sim/livekit with its seeded personas, the offline summarizer and
 * the outbox relay, over a synthetic portfolio (mixed states incl. MA, time zones, line types,
 * consents). Time moves only when everything due has settled, so the run is as if those days
 * passed. At the end the independent auditor recomputes the rules from the ledger alone.
 */
export async function runSimulation(options: SimulationOptions): Promise<SimulationReport> {
  const started = Date.now();
  const log = options.onProgress ?? (() => undefined);
  const db = createDb(options.databaseUrl, { max: 20 });
  const sql = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
  // The engine runs in its own process (a core of its own) on a virtual clock this process moves
  // over REST; `clock` mirrors it for everything else (the planner, the gate, the call simulator).
  const folder = mkdtempSync(join(tmpdir(), "recourse-simulation-"));
  const quiet = { info: () => undefined, warn: () => undefined, error: (m: string) => log(`engine: ${m}`), pipe: () => undefined };
  const engine = await startEngineProcess({
    env: { ...process.env, DATABASE_URL: options.databaseUrl, ENGINE_VIRTUAL_CLOCK: "1", ENGINE_GRPC_PORT: String(await findFreePort()), ENGINE_REST_PORT: String(await findFreePort()), RECOURSE_DATA_DIR: folder },
    log: quiet,
  });
  Object.assign(process.env, engine.clientEnv, { HATCHET_CLIENT_NAMESPACE: `sim${Date.now().toString(36)}`, HATCHET_CLIENT_LOG_LEVEL: process.env.HATCHET_CLIENT_LOG_LEVEL ?? "ERROR" });
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
  // Monday 1 March 2027, 08:00 in New York: a working week starts.
  await moveClock(new Date("2027-03-01T13:00:00Z"));
  // A simulated trunk: no carrier cap worth modelling (read when the workflows are declared, below).
  process.env.RECOURSE_TRUNK_DIALS_PER_SECOND ??= "1000";
  const { hatchet } = await import("../hatchet-client");
  const world = await startSimulatedWorld({ db, seed: options.seed ?? 1, speed: 5_000, now: () => clock.now(), simFollowsClock: true });
  const relay = new AbortController();
  let stopWorker: () => Promise<void> = async () => undefined;
  try {
    const { setWorkflowDeps } = await import("../deps");
    setWorkflowDeps(world.deps);
    const { allWorkflows } = await import("../index");
    // Sleeping journeys keep their durable slot until evicted (minutes of wall time): room for all.
    const worker = await hatchet.worker("simulation", { workflows: allWorkflows, slots: 200, durableSlots: options.accounts * 2 + 100 });
    void worker.start();
    await worker.waitUntilReady(60_000);
    stopWorker = () => worker.stop();
    void runOutboxRelay(db, hatchetPublisher(hatchet), { signal: relay.signal, idleMs: 20, batchSize: 500 });

    const seeded = await seedPortfolio(db, { accounts: options.accounts, seed: options.seed ?? 1, asOf: clock.now() });
    log(`seeded ${seeded.accounts} accounts, ${seeded.debtors} debtors, ${seeded.phones} phones`);
    const campaign = await db.campaign.create({
      data: { name: "simulation", status: "RUNNING", strategy: { maxAttempts: 6, retryDelayHours: 26, maxAttemptsPerDay: 1 }, segment: {}, launchedAt: clock.now() },
    });
    // The launch goes the product's way: an event, the campaign-launch workflow, bulk journeys.
    await hatchet.events.push(EVENT.campaignLaunched, { campaignId: campaign.id });

    const end = clock.now().getTime() + options.days * 86_400_000;
    const step = (options.stepMinutes ?? 30) * 60_000;
    let steps = 0;
    await settle(sql, db, () => clock.now());
    while (clock.now().getTime() < end) {
      const { rows } = await sql.query<{ due: Date | null }>("SELECT min(due_at) AS due FROM hatchet.waits WHERE kind = 'SLEEP' AND satisfied_at IS NULL");
      const due = rows[0]?.due?.getTime();
      if (due === undefined || due > end) break;
      // Everything due within the next step fires together.
      await moveClock(new Date(Math.max(clock.now().getTime(), due) + step));
      steps += 1;
      await settle(sql, db, () => clock.now());
      if (steps % 20 === 0) {
        const dials = await db.callAttempt.count();
        log(`day ${((clock.now().getTime() - (end - options.days * 86_400_000)) / 86_400_000).toFixed(1)}: ${dials} dials, ${Math.round((Date.now() - started) / 1000)} s`);
      }
    }
    relay.abort();

    const attempts = await db.callAttempt.groupBy({ by: ["outcome"], _count: true });
    const journeys = await db.enrollment.groupBy({ by: ["journeyStatus"], _count: true });
    const enrollments = await db.enrollment.findMany({ select: { journeyStatus: true, workflowRunId: true } });
    const { rows: alive } = await sql.query<{ id: string }>("SELECT id FROM hatchet.runs WHERE status IN ('QUEUED', 'RUNNING')");
    const aliveIds = new Set(alive.map((r) => r.id));
    const lostJourneys = enrollments.filter((e) => !TERMINAL_STATUSES.has(e.journeyStatus as JourneyStatus) && (!e.workflowRunId || !aliveIds.has(e.workflowRunId))).length;
    return {
      accounts: seeded.accounts,
      virtualDays: options.days,
      realSeconds: Math.round((Date.now() - started) / 1000),
      steps,
      dials: attempts.reduce((sum, a) => sum + a._count, 0),
      outcomes: Object.fromEntries(attempts.map((a) => [a.outcome ?? "(none)", a._count])),
      journeys: Object.fromEntries(journeys.map((j) => [j.journeyStatus, j._count])),
      denials: await db.complianceDecision.count({ where: { decision: "DENY" } }),
      lostJourneys,
      audit: await auditLedger(db),
    };
  } finally {
    relay.abort();
    await stopWorker().catch(() => undefined);
    await engine.child.stop();
    rmSync(folder, { recursive: true, force: true });
    await world.stop();
    await sql.end();
    await db.$disconnect();
  }
}

/**
 * Waits until nothing is in flight: no task queued or running (durable journeys sleeping on their
 * waits excepted), nothing left in the outbox, no sleep already due — several looks in a row, since
 * one finished step starts the next.
 */
async function settle(sql: pg.Pool, db: ReturnType<typeof createDb>, now: () => Date): Promise<void> {
  let quiet = 0;
  while (quiet < 3) {
    const { rows } = await sql.query<{ busy: number }>(
      `SELECT (SELECT count(*) FROM hatchet.tasks WHERE status = 'QUEUED' AND available_at <= $1)::int
            + (SELECT count(*) FROM hatchet.tasks t WHERE t.status = 'RUNNING' AND NOT t.evicted
                 AND NOT (t.durable AND EXISTS (SELECT 1 FROM hatchet.waits w WHERE w.task_id = t.id AND w.satisfied_at IS NULL)
                          OR t.durable AND EXISTS (SELECT 1 FROM hatchet.durable_entries e WHERE e.task_id = t.id AND e.branch_id = t.branch_id
                                                      AND e.node_id = t.node_cursor AND e.kind = 'RUN' AND e.satisfied_at IS NULL)))::int AS busy`,
      [now()],
    );
    const outbox = await db.outboxEvent.count({ where: { publishedAt: null } });
    quiet = rows[0]!.busy === 0 && outbox === 0 ? quiet + 1 : 0;
    await sleep(quiet === 0 ? 50 : 100);
  }
}
