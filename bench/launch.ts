/**
 * `npm run bench:launch`: a campaign launch at portfolio scale, the product's way — the launch
 * writes `campaign:launched` to the outbox, the relay publishes it, `campaign-launch` enrolls the
 * segment and bulk-starts one durable journey per enrollment, each journey's plan step runs the
 * compliance gate and the dial step calls sim/livekit. Durable embedded PostgreSQL (fsync on), the
 * engine in its own process, one all-in-one worker; the clock is virtual but runs at real speed
 * from a Tuesday 10:00 in New York, so the calling-hours rules bind as they would.
 *
 *   enrolled         every account of the segment has its enrollment row
 *   journeys started every enrollment has its journey run (triggered in the engine)
 *   first dial       the first call-dial task handed to the worker
 *   dials in 60 s    call-dial tasks dispatched within a minute of the launch
 *
 * BENCH_ACCOUNTS (default 100000), BENCH_MAX_SECONDS (default 900), BENCH_TRUNK_CPS (default 1000,
 * a simulated trunk), BENCH_CAMPAIGN_CONCURRENCY (default 10000), BENCH_DURABLE_SLOTS (default 1000, the all-in-one worker's),
 * BENCH_PROFILE_DIR (a CPU profile of the measured window).
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchCampaign } from "../lib/campaigns/launch-campaign";
import { startEmbeddedPostgres } from "../lib/postgres/embedded";
import { seedPortfolio } from "../lib/seed/portfolio";
import { createTestDatabase, TEST_CLUSTER_ENV } from "../lib/testing/database";
import { nextLocalTime } from "../lib/testing/next-local-time";
import { startSimulatedSystem } from "../workflows/simulation/start-simulated-system";
import { startCpuProfile } from "./cpu-profile";

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 900);
const WINDOW_SECONDS = 60;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const folder = mkdtempSync(join(tmpdir(), "recourse-bench-launch-"));
chmodSync(folder, 0o755); // the `postgres` user must walk into it
const cluster = await startEmbeddedPostgres({ dataDir: join(folder, "pg"), port: 0 });
process.env[TEST_CLUSTER_ENV] = cluster.url;
process.env.HATCHET_CLIENT_LOG_LEVEL ??= "ERROR";
const database = await createTestDatabase({ migrate: true });
const system = await startSimulatedSystem({
  databaseUrl: database.url,
  start: nextLocalTime(2, "10:00", "America/New_York"),
  slots: 200,
  durableSlots: Number(process.env.BENCH_DURABLE_SLOTS ?? 1_000),
  trunkDialsPerSecond: Number(process.env.BENCH_TRUNK_CPS ?? 1_000),
  log: (line) => console.error(line),
});
const { db, sql, clock } = system;

try {
  const seedStarted = Date.now();
  const seeded = await seedPortfolio(db, { accounts: ACCOUNTS, seed: 5, asOf: clock.now() });
  const seedSeconds = (Date.now() - seedStarted) / 1000;
  const campaign = await db.campaign.create({
    data: { name: "bench launch", status: "DRAFT", strategy: { maxAttempts: 6, retryDelayHours: 26, maxAttemptsPerDay: 1 }, segment: {}, concurrency: Number(process.env.BENCH_CAMPAIGN_CONCURRENCY ?? 10_000) },
  });
  const eligible = await db.account.count({ where: { status: "ACTIVE", balanceCents: { gt: 0 } } });

  // BENCH_PROFILE_DIR: a CPU profile of this process (worker, simulator, receivers, relay) over the window.
  const stopProfile = await startCpuProfile(process.env.BENCH_PROFILE_DIR, "launch");
  const t0 = Date.now();
  await launchCampaign(db, campaign.id, { type: "SYSTEM", id: "bench-launch" });
  const marks: { enrolled?: number; started?: number; firstDial?: number } = {};
  let dialsInWindow = 0;
  let last = { enrolled: 0, started: 0, dials: 0, decisions: 0 };
  const seconds = () => (Date.now() - t0) / 1000;
  for (;;) {
    const { rows } = await sql.query<{ enrolled: number; started: number; dials: number; decisions: number }>(
      `SELECT (SELECT count(*) FROM enrollments WHERE campaign_id = $1)::int AS enrolled,
              (SELECT count(*) FROM enrollments WHERE campaign_id = $1 AND workflow_run_id IS NOT NULL)::int AS started,
              (SELECT count(*) FROM hatchet.tasks WHERE action_id LIKE '%call-dial:call-dial' AND status <> 'QUEUED')::int AS dials,
              (SELECT count(*) FROM compliance_decisions)::int AS decisions`,
      [campaign.id],
    );
    last = rows[0]!;
    const now = seconds();
    if (marks.enrolled === undefined && last.enrolled >= eligible) marks.enrolled = now;
    if (marks.started === undefined && last.started >= eligible) marks.started = now;
    if (marks.firstDial === undefined && last.dials > 0) marks.firstDial = now;
    if (now <= WINDOW_SECONDS) dialsInWindow = last.dials;
    if ((marks.started !== undefined && now > WINDOW_SECONDS) || now > MAX_SECONDS) break;
    await sleep(250);
  }
  await stopProfile();
  const { rows: tasks } = await sql.query<{ task: string; status: string; n: number }>(
    "SELECT split_part(action_id, ':', 2) AS task, status, count(*)::int AS n FROM hatchet.tasks GROUP BY 1, 2 ORDER BY 1, 2",
  );
  const path = await firstDialPath(sql);
  const at = (mark: number | undefined) => (mark === undefined ? `not within ${MAX_SECONDS} s` : `${mark.toFixed(1)} s`);
  const table: [string, string][] = [
    ["accounts seeded (not timed below)", `${seeded.accounts} in ${seedSeconds.toFixed(1)} s`],
    ["accounts in the segment", String(eligible)],
    ["enrolled (all)", at(marks.enrolled)],
    ["journeys started (all)", at(marks.started)],
    ["first dial dispatched", at(marks.firstDial)],
    [`dials dispatched within ${WINDOW_SECONDS} s`, String(dialsInWindow)],
    [`at the end (${seconds().toFixed(0)} s)`, `${last.enrolled} enrolled, ${last.started} journeys, ${last.dials} dials, ${last.decisions} gate decisions`],
  ];
  table.push(["engine tasks at the end", tasks.map((t) => `${t.task} ${t.status.toLowerCase()} ${t.n}`).join(", ")]);
  const width = Math.max(...table.map(([k]) => k.length));
  console.log(`\ncampaign launch: ${ACCOUNTS} accounts, durable embedded PostgreSQL, engine process + one all-in-one worker, sim/livekit; target ≤ 60 s to enrol and dispatch first dials\n`);
  for (const [k, v] of table) console.log(`${k.padEnd(width)}  ${v}`);
  if (path.length > 0) {
    console.log("\nthe first dial's journey, seconds after its run was created (created → assigned to the worker → finished):");
    for (const p of path) console.log(`  ${p.task.padEnd(20)} ${p.created.padStart(7)} → ${p.assigned.padStart(7)} → ${p.finished.padStart(7)}`);
  }
} finally {
  await system.stop();
  await database.drop().catch(() => undefined);
  await cluster.stop();
  rmSync(folder, { recursive: true, force: true });
}
process.exit(0);

/**
 * Where the first dial's time went: its journey's tasks — the plan steps and the dial — with when
 * each was created, handed to the worker (its ASSIGNED event, on the engine's clock like the other
 * two; tasks.assigned_at is wall time, for execution timeouts) and finished.
 */
async function firstDialPath(sql: typeof system.sql) {
  const { rows } = await sql.query<{ task: string; created: string; assigned: string; finished: string }>(
    `WITH dial AS (
       SELECT t.run_id FROM hatchet.tasks t WHERE t.action_id LIKE '%call-dial:call-dial' AND t.assigned_at IS NOT NULL ORDER BY t.assigned_at LIMIT 1),
     journey AS (SELECT r.parent_task_id AS id FROM hatchet.runs r JOIN dial ON dial.run_id = r.id),
     family AS (
       SELECT t.* FROM hatchet.tasks t JOIN journey ON t.id = journey.id
       UNION ALL SELECT t.* FROM hatchet.tasks t JOIN hatchet.runs r ON r.id = t.run_id JOIN journey ON r.parent_task_id = journey.id),
     origin AS (SELECT min(created_at) AS at FROM family)
     SELECT split_part(f.action_id, ':', 2) AS task,
            to_char(extract(epoch FROM f.created_at - origin.at), 'FM990.0') AS created,
            coalesce(to_char(extract(epoch FROM (SELECT min(e.created_at) FROM hatchet.task_events e WHERE e.task_id = f.id AND e.event_type = 'ASSIGNED') - origin.at), 'FM990.0'), '-') AS assigned,
            coalesce(to_char(extract(epoch FROM f.finished_at - origin.at), 'FM990.0'), '-') AS finished
     FROM family f, origin ORDER BY f.created_at`,
  );
  return rows;
}
