import type pg from "pg";
import { auditLedger, type AuditReport } from "../../lib/compliance/audit";
import { EVENT } from "../../lib/contracts/names";
import type { Db } from "../../lib/db";
import { TERMINAL_STATUSES, type JourneyStatus } from "../../lib/journey/status";
import { seedPortfolio } from "../../lib/seed/portfolio";
import { nextLocalTime } from "../../lib/testing/next-local-time";
import { startSimulatedSystem } from "./start-simulated-system";

export interface SimulationOptions {
  databaseUrl: string;
  accounts: number;
  days: number;
  seed?: number;
  /** Virtual time moved per step once everything due has settled. */
  stepMinutes?: number;
  /** Hatchet workers (in this process, each with its own client); one per 500 accounts unless set. */
  workers?: number;
  /** Log every clock step (virtual time, wall time it took, dials so far), not every twentieth. */
  traceSteps?: boolean;
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

/** How long `settle` waits between its looks: doubling while the system is busy, short once it is quiet. */
const SETTLE_LOOK_MS = { busyFirst: 25, busyMax: 400, quiet: 15 };

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
  // The next Monday, 08:00 in New York: a working week starts.
  const system = await startSimulatedSystem({
    databaseUrl: options.databaseUrl,
    start: nextLocalTime(1, "08:00", "America/New_York"),
    seed: options.seed ?? 1,
    speed: 5_000,
    // Sleeping journeys keep their durable slot until evicted (minutes of wall time): room for all.
    slots: 200,
    durableSlots: options.accounts * 2 + 100,
    // Each new wait makes the SDK report every journey waiting on its worker, and its durable
    // listener adds an abort listener per request that it never removes (each add walks the list):
    // both grow with the journeys per worker. 500 a worker keeps them cheap (one worker for ten
    // thousand: reports queued faster than they were sent, 4 GB in 3 min).
    workers: options.workers ?? Math.ceil(options.accounts / 500),
    // A simulated trunk: no carrier cap worth modelling.
    trunkDialsPerSecond: 1_000,
    log,
  });
  const { db, sql, hatchet, clock, moveClock, callsSettled, renewDurableStreams } = system;
  try {
    const seeded = await seedPortfolio(db, { accounts: options.accounts, seed: options.seed ?? 1, asOf: clock.now() });
    log(`seeded ${seeded.accounts} accounts, ${seeded.debtors} debtors, ${seeded.phones} phones`);
    // Lines scale with the portfolio: one per 20 accounts, the product's default of 50 at 1,000,
    // where the launch keeps every line busy and journeys queue for them. On 50 lines, 10,000
    // accounts were bound by what 50 lines carry in wall time: a call holds its line for its
    // chain of steps (~25 s on this saturated machine), and busy time is not skipped. On 500
    // the machine itself sets the pace.
    const campaign = await db.campaign.create({
      data: {
        name: "simulation",
        status: "RUNNING",
        strategy: { maxAttempts: 6, retryDelayHours: 26, maxAttemptsPerDay: 1 },
        segment: {},
        concurrency: Math.max(50, Math.ceil(options.accounts / 20)),
        launchedAt: clock.now(),
      },
    });
    // The launch goes the product's way: an event, the campaign-launch workflow, bulk journeys.
    await hatchet.events.push(EVENT.campaignLaunched, { campaignId: campaign.id });

    const end = clock.now().getTime() + options.days * 86_400_000;
    const step = (options.stepMinutes ?? 30) * 60_000;
    let steps = 0;
    await settle(sql, db, callsSettled, () => clock.now());
    while (clock.now().getTime() < end) {
      const { rows } = await sql.query<{ due: Date | null }>("SELECT min(due_at) AS due FROM hatchet.waits WHERE kind = 'SLEEP' AND satisfied_at IS NULL");
      const due = rows[0]?.due?.getTime();
      if (due === undefined || due > end) break;
      // Everything due within the next step fires together.
      const stepStarted = Date.now();
      // Settled: no durable request is in flight, so the workers' streams can start afresh.
      await renewDurableStreams();
      await moveClock(new Date(Math.max(clock.now().getTime(), due) + step));
      steps += 1;
      await settle(sql, db, callsSettled, () => clock.now());
      if (options.traceSteps) log(`step ${steps} to ${clock.now().toISOString()}: ${Date.now() - stepStarted} ms, ${await db.callAttempt.count()} dials`);
      else if (steps % 20 === 0) {
        const dials = await db.callAttempt.count();
        log(`day ${((clock.now().getTime() - (end - options.days * 86_400_000)) / 86_400_000).toFixed(1)}: ${dials} dials, ${Math.round((Date.now() - started) / 1000)} s`);
      }
    }
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
    await system.stop();
  }
}

/**
 * Waits until nothing is in flight: every simulated call over and its webhooks delivered, no task
 * queued or running (durable journeys waiting on a sleep, an event or a child excepted), no child
 * run ended without its parent having heard, no sleep already due, nothing left in the outbox.
 * Each of those gaps is counted, so two quiet looks in a row are enough: the second covers a step
 * that finished between the first look's statements.
 */
async function settle(sql: pg.Pool, db: Db, callsSettled: () => Promise<void>, now: () => Date): Promise<void> {
  let quiet = 0;
  let pause = SETTLE_LOOK_MS.busyFirst;
  while (quiet < 2) {
    await callsSettled();
    // The cheap looks first: while tasks are queued or sleeps due (most of a busy step), the
    // look over every running journey (ten thousand of them) is not worth making.
    const { rows: due } = await sql.query<{ busy: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM hatchet.tasks WHERE status = 'QUEUED' AND available_at <= $1)
           OR EXISTS (SELECT 1 FROM hatchet.waits WHERE kind = 'SLEEP' AND satisfied_at IS NULL AND due_at <= $1) AS busy`,
      [now()],
    );
    const busy = due[0]!.busy || (await db.outboxEvent.findFirst({ where: { publishedAt: null }, select: { id: true } })) !== null || (await runningTasks(sql)) > 0;
    quiet = busy ? 0 : quiet + 1;
    // A busy step is looked at less and less often: each look scans the queue, thousands of tasks
    // long at a launch (every 25 ms that was most of a PostgreSQL core).
    pause = busy ? Math.min(pause * 2, SETTLE_LOOK_MS.busyMax) : SETTLE_LOOK_MS.quiet;
    await sleep(pause);
  }
}

/** Tasks running and not just waiting: durable journeys blocked on a wait or a live child excepted. */
async function runningTasks(sql: pg.Pool): Promise<number> {
  const { rows } = await sql.query<{ running: number }>(
    `SELECT count(*)::int AS running FROM hatchet.tasks t WHERE t.status = 'RUNNING' AND NOT t.evicted
       AND NOT (t.durable AND EXISTS (SELECT 1 FROM hatchet.waits w WHERE w.task_id = t.id AND w.satisfied_at IS NULL)
                OR t.durable AND EXISTS (SELECT 1 FROM hatchet.durable_entries e JOIN hatchet.runs r ON r.id = e.child_run_id
                                            WHERE e.task_id = t.id AND e.branch_id = t.branch_id AND e.node_id = t.node_cursor
                                              AND e.kind = 'RUN' AND e.satisfied_at IS NULL AND r.status IN ('QUEUED', 'RUNNING')))`,
  );
  return rows[0]!.running;
}
