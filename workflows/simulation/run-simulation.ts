import type pg from "pg";
import { auditLedger, type AuditReport } from "../../lib/compliance/audit";
import { EVENT } from "../../lib/contracts/names";
import type { Db } from "../../lib/db";
import { TERMINAL_STATUSES, type JourneyStatus } from "../../lib/journey/status";
import { seedPortfolio } from "../../lib/seed/portfolio";
import { nextLocalTime } from "../../lib/testing/next-local-time";
import type { CheckpointStore, SimulationCheckpoint } from "./checkpoint";
import { startSimulatedSystem, type SimulatedSystem } from "./start-simulated-system";

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
  /**
   * Makes the run resumable: saved at every settled step; a run that finds one goes on from it
   * (same database, same options) instead of seeding and launching.
   */
  checkpoint?: CheckpointStore;
  /** Asked at every settled step: true stops the run there (to be resumed from its checkpoint). */
  shouldPause?: (at: { virtualDay: number }) => boolean;
}

export interface SimulationReport {
  accounts: number;
  virtualDays: number;
  /** Virtual days run so far: `virtualDays` once finished, fewer when paused. */
  virtualDaysDone: number;
  /** Stopped by `shouldPause` before the end: resume it from its checkpoint. */
  paused: boolean;
  /** Wall time over every session of a resumed run. */
  realSeconds: number;
  sessions: number;
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
  const seed = options.seed ?? 1;
  const resumed = options.checkpoint?.load();
  if (resumed && (resumed.accounts !== options.accounts || resumed.days !== options.days || resumed.seed !== seed)) {
    throw new Error(`the checkpoint is of a run of ${resumed.accounts} accounts over ${resumed.days} days (seed ${resumed.seed}): resume it with those options`);
  }
  const system = await startSimulatedSystem({
    databaseUrl: options.databaseUrl,
    // A new run starts next Monday, 08:00 in New York: a working week starts.
    start: resumed?.clockAt ?? nextLocalTime(1, "08:00", "America/New_York"),
    seed,
    speed: 5_000,
    // Sleeping journeys keep their durable slot until evicted (minutes of wall time): room for all.
    slots: 200,
    durableSlots: options.accounts * 2 + 100,
    // Each new wait makes the SDK report every journey waiting on its worker, and its durable
    // listener adds an abort listener per request that it never removes (each add walks the list):
    // both grow with the journeys per worker. 500 a worker keeps them cheap (one worker for ten
    // thousand: reports queued faster than they were sent, 4 GB in 3 min).
    workers: options.workers ?? Math.ceil(options.accounts / 500),
    namespace: resumed?.namespace,
    // A simulated trunk: no carrier cap worth modelling.
    trunkDialsPerSecond: 1_000,
    log,
  });
  const { db, sql, hatchet, clock, moveClock, renewDurableStreams } = system;
  try {
    let progress: SimulationCheckpoint;
    if (resumed) {
      progress = { ...resumed, sessions: resumed.sessions + 1 };
      log(`resuming at ${resumed.clockAt.toISOString()} (virtual day ${daysBetween(resumed.startedAt, resumed.clockAt).toFixed(1)}, step ${resumed.steps}, ${Math.round(resumed.realSeconds)} s so far)`);
      // The last session's workers are gone: their tasks go to these once the engine counts them lost.
      await orphansReassigned(sql, new Date(started));
    } else {
      if ((await db.account.count()) > 0) throw new Error("the database holds a portfolio but no checkpoint: a run that stopped before its launch; start on an empty one");
      const launch = await launchCampaign(db, hatchet, { accounts: options.accounts, seed, now: clock.now(), log });
      progress = { accounts: options.accounts, days: options.days, seed, namespace: system.namespace, campaignId: launch.campaignId, startedAt: clock.now(), clockAt: clock.now(), steps: 0, realSeconds: 0, sessions: 1 };
      options.checkpoint?.save(progress);
    }
    const totalRealSeconds = () => progress.realSeconds + (Date.now() - started) / 1000;

    const end = progress.startedAt.getTime() + options.days * 86_400_000;
    const step = (options.stepMinutes ?? 30) * 60_000;
    let steps = progress.steps;
    let paused = false;
    await settle(system);
    while (clock.now().getTime() < end) {
      if (options.shouldPause?.({ virtualDay: daysBetween(progress.startedAt, clock.now()) })) {
        paused = true;
        break;
      }
      const { rows } = await sql.query<{ due: Date | null }>("SELECT min(due_at) AS due FROM hatchet.waits WHERE kind = 'SLEEP' AND satisfied_at IS NULL");
      const due = rows[0]?.due?.getTime();
      if (due === undefined || due > end) break;
      // Everything due within the next step fires together.
      const stepStarted = Date.now();
      // Settled: no durable request is in flight, so the workers' streams can start afresh.
      await renewDurableStreams();
      await moveClock(new Date(Math.max(clock.now().getTime(), due) + step));
      steps += 1;
      await settle(system);
      options.checkpoint?.save({ ...progress, clockAt: clock.now(), steps, realSeconds: totalRealSeconds() });
      if (options.traceSteps) log(`step ${steps} to ${clock.now().toISOString()}: ${Date.now() - stepStarted} ms, ${await db.callAttempt.count()} dials`);
      else if (steps % 20 === 0) {
        const dials = await db.callAttempt.count();
        log(`day ${daysBetween(progress.startedAt, clock.now()).toFixed(1)}: ${dials} dials, ${Math.round(totalRealSeconds())} s`);
      }
    }
    const attempts = await db.callAttempt.groupBy({ by: ["outcome"], _count: true });
    const journeys = await db.enrollment.groupBy({ by: ["journeyStatus"], _count: true });
    const enrollments = await db.enrollment.findMany({ select: { journeyStatus: true, workflowRunId: true } });
    const { rows: alive } = await sql.query<{ id: string }>("SELECT id FROM hatchet.runs WHERE status IN ('QUEUED', 'RUNNING')");
    const aliveIds = new Set(alive.map((r) => r.id));
    const lostJourneys = enrollments.filter((e) => !TERMINAL_STATUSES.has(e.journeyStatus as JourneyStatus) && (!e.workflowRunId || !aliveIds.has(e.workflowRunId))).length;
    return {
      accounts: await db.account.count(),
      virtualDays: options.days,
      // A finished run covered every day, including a quiet tail with nothing due.
      virtualDaysDone: paused ? daysBetween(progress.startedAt, clock.now()) : options.days,
      paused,
      realSeconds: Math.round(totalRealSeconds()),
      sessions: progress.sessions,
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

const daysBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 86_400_000;

/** Seeds the portfolio and launches a campaign over it the product's way (an event, the campaign-launch workflow, bulk journeys). */
async function launchCampaign(db: Db, hatchet: SimulatedSystem["hatchet"], input: { accounts: number; seed: number; now: Date; log: (line: string) => void }): Promise<{ campaignId: string }> {
  const seeded = await seedPortfolio(db, { accounts: input.accounts, seed: input.seed, asOf: input.now });
  input.log(`seeded ${seeded.accounts} accounts, ${seeded.debtors} debtors, ${seeded.phones} phones`);
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
      concurrency: Math.max(50, Math.ceil(input.accounts / 20)),
      launchedAt: input.now,
    },
  });
  await hatchet.events.push(EVENT.campaignLaunched, { campaignId: campaign.id });
  return { campaignId: campaign.id };
}

/**
 * After a resume: waits until no task is still held by a worker of an earlier session (registered
 * before `sessionStarted`, wall time like the engine's worker rows). The engine hands those out
 * again once their worker has been silent for its loss timeout (30 s); until then a settled look
 * would miss them, and a moved clock would wake journeys on workers that are gone.
 */
async function orphansReassigned(sql: pg.Pool, sessionStarted: Date): Promise<void> {
  for (;;) {
    const { rows } = await sql.query<{ held: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM hatchet.tasks t JOIN hatchet.workers w ON w.id = t.worker_id
                       WHERE t.status = 'RUNNING' AND w.created_at < $1) AS held`,
      [sessionStarted],
    );
    if (!rows[0]!.held) return;
    await sleep(1_000);
  }
}

/**
 * Waits until nothing is in flight: every simulated call over and its webhooks delivered, no task
 * queued or running (durable journeys waiting on a sleep, an event or a child excepted), no child
 * run ended without its parent having heard, no sleep already due, nothing left in the outbox.
 * Each of those gaps is counted, so two quiet looks in a row are enough: the second covers a step
 * that finished between the first look's statements.
 */
async function settle(system: SimulatedSystem): Promise<void> {
  const { sql, db, clock } = system;
  let quiet = 0;
  let pause = SETTLE_LOOK_MS.busyFirst;
  while (quiet < 2) {
    await system.callsSettled();
    // The cheap looks first: this process's own unacknowledged requests, then queued tasks and
    // due sleeps (most of a busy step); the look over every running journey (ten thousand of
    // them) only once those are quiet.
    const busy =
      system.durableRequestsInFlight() > 0 ||
      (await queuedOrDue(sql, clock.now())) ||
      (await db.outboxEvent.findFirst({ where: { publishedAt: null }, select: { id: true } })) !== null ||
      (await runningTasks(sql)) > 0;
    quiet = busy ? 0 : quiet + 1;
    // A busy step is looked at less and less often: each look scans the queue, thousands of tasks
    // long at a launch (every 25 ms that was most of a PostgreSQL core).
    pause = busy ? Math.min(pause * 2, SETTLE_LOOK_MS.busyMax) : SETTLE_LOOK_MS.quiet;
    await sleep(pause);
  }
}

/** A task queued and available, or a sleep already due. */
async function queuedOrDue(sql: pg.Pool, now: Date): Promise<boolean> {
  const { rows } = await sql.query<{ busy: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM hatchet.tasks WHERE status = 'QUEUED' AND available_at <= $1)
         OR EXISTS (SELECT 1 FROM hatchet.waits WHERE kind = 'SLEEP' AND satisfied_at IS NULL AND due_at <= $1) AS busy`,
    [now],
  );
  return rows[0]!.busy;
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
