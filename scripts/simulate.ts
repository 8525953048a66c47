/**
 * `npm run simulate -- --accounts 10000 --days 60`: a campaign over that many virtual days on a
 * throw-away embedded PostgreSQL (workflows/simulation/run-simulation.ts), then the independent
 * auditor's verdict. Prints a table; exits 1 if a rule was broken or a journey was lost.
 * `--workers <n>` sets the in-process Hatchet workers (one per 500 accounts by default).
 * `--profile <dir>` writes a CPU profile of the driver process (worker, simulator, relay); `--trace`
 * logs every clock step with the wall time it took.
 *
 * `--report <file>` also writes the report as JSON.
 *
 * `--state <dir>` keeps the run in that folder (its PostgreSQL cluster and a checkpoint) so that
 * it can be paused and resumed: a file named `pause` in it, `--pause-after <minutes>` of wall time
 * or `--pause-at-day <d>` of virtual time stops it at the next settled step with the figures and
 * the auditor's verdict so far (exit 3); the same command with the same folder goes on from there,
 * every process of the system started afresh. A run of hours need not fit in one sitting.
 */
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { applyMigrations } from "../lib/db/migrate";
import { ensureDatabase, startEmbeddedPostgres } from "../lib/postgres/embedded";
import { createTestDatabase, startTestCluster, TEST_CLUSTER_ENV } from "../lib/testing/database";
import { checkpointFile } from "../workflows/simulation/checkpoint";
import { runSimulation, type SimulationReport } from "../workflows/simulation/run-simulation";
import { startCpuProfile } from "../bench/cpu-profile";

const USAGE =
  "usage: npm run simulate -- --accounts <n ≥ 1> --days <d > 0> [--seed <n>] [--workers <n ≥ 1>] [--state <dir> [--pause-after <minutes>] [--pause-at-day <d>]] [--report <file.json>] [--profile <dir>] [--trace]";
const { values } = parseArgs({
  options: {
    accounts: { type: "string", default: "1000" },
    days: { type: "string", default: "60" },
    seed: { type: "string", default: "1" },
    workers: { type: "string" },
    state: { type: "string" },
    "pause-after": { type: "string" },
    "pause-at-day": { type: "string" },
    report: { type: "string" },
    profile: { type: "string" },
    trace: { type: "boolean", default: false },
  },
});
const accounts = Number(values.accounts);
const days = Number(values.days);
const seed = Number(values.seed);
const workers = values.workers === undefined ? undefined : Number(values.workers);
const pauseAfterMinutes = values["pause-after"] === undefined ? undefined : Number(values["pause-after"]);
const pauseAtDay = values["pause-at-day"] === undefined ? undefined : Number(values["pause-at-day"]);
if (
  !Number.isInteger(accounts) || accounts < 1 || !Number.isFinite(days) || days <= 0 || !Number.isInteger(seed) ||
  (workers !== undefined && (!Number.isInteger(workers) || workers < 1)) ||
  (pauseAfterMinutes !== undefined && (!values.state || !Number.isFinite(pauseAfterMinutes) || pauseAfterMinutes <= 0)) ||
  (pauseAtDay !== undefined && (!values.state || !Number.isFinite(pauseAtDay) || pauseAtDay <= 0))
) {
  console.error(USAGE);
  process.exit(2);
}
process.env.HATCHET_CLIENT_LOG_LEVEL ??= "ERROR";

const startedAt = Date.now();
// A pause is asked for with a file, not a signal: each in-process Hatchet worker stops itself and
// exits the process on SIGINT/SIGTERM, which would leave no settled step to stop at.
const pauseFile = values.state ? join(values.state, "pause") : undefined;
const shouldPause = ({ virtualDay }: { virtualDay: number }) =>
  (pauseFile !== undefined && existsSync(pauseFile)) ||
  (pauseAfterMinutes !== undefined && Date.now() - startedAt >= pauseAfterMinutes * 60_000) ||
  (pauseAtDay !== undefined && virtualDay >= pauseAtDay);
if (pauseFile) rmSync(pauseFile, { force: true });

const { databaseUrl, release } = values.state ? await keptDatabase(values.state) : await throwAwayDatabase();
let exitCode = 1;
try {
  // --profile <dir>: a CPU profile of this process (worker, simulator, receivers, relay) over the run.
  const stopProfile = await startCpuProfile(values.profile, "simulation");
  const report = await runSimulation({
    databaseUrl,
    accounts,
    days,
    seed,
    workers,
    traceSteps: values.trace,
    checkpoint: values.state ? checkpointFile(join(values.state, "checkpoint.json")) : undefined,
    shouldPause,
    onProgress: (line) => console.log(`  ${line}`),
  });
  await stopProfile();
  printReport(report);
  if (values.report) writeFileSync(values.report, `${JSON.stringify(report, null, 2)}\n`);
  const failed = report.audit.violations.length > 0 || report.lostJourneys > 0;
  exitCode = failed ? 1 : report.paused ? 3 : 0;
  if (report.paused && !failed) console.log(`\npaused at virtual day ${report.virtualDaysDone.toFixed(1)} of ${report.virtualDays}: the same command resumes it`);
} finally {
  await release();
}
process.exit(exitCode);

function printReport(report: SimulationReport): void {
  const rows: [string, string][] = [
    ["accounts / virtual days", `${report.accounts} / ${report.paused ? `${report.virtualDaysDone.toFixed(1)} of ${report.virtualDays} (paused)` : report.virtualDays}`],
    ["real time", `${report.realSeconds} s (${report.steps} clock steps${report.sessions > 1 ? `, ${report.sessions} sessions` : ""})`],
    ["dials placed", String(report.dials)],
    ["dials blocked by the gate (with reasons)", String(report.denials)],
    ["outcomes", Object.entries(report.outcomes).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(", ")],
    ["journeys", Object.entries(report.journeys).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(", ")],
    ["auditor: attempts / decisions checked", `${report.audit.attempts} / ${report.audit.decisions}`],
    ["auditor: violations", String(report.audit.violations.length)],
    ["journeys lost", String(report.lostJourneys)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n")}`);
  for (const violation of report.audit.violations.slice(0, 20)) console.log(`  violation ${violation.kind} (${violation.rule}): ${violation.detail}`);
}

/** A database on a throw-away cluster, gone once the run is over. */
async function throwAwayDatabase(): Promise<{ databaseUrl: string; release: () => Promise<void> }> {
  const cluster = await startTestCluster();
  process.env[TEST_CLUSTER_ENV] = cluster.url;
  const database = await createTestDatabase({ migrate: true });
  return {
    databaseUrl: database.url,
    release: async () => {
      await database.drop().catch(() => undefined);
      await cluster.stop();
    },
  };
}

/**
 * The run's own cluster in `<dir>/postgres`, kept between sessions. Commits do not wait for the
 * WAL flush: a crash may lose the last moments (the checkpoint, written after each settled step,
 * may then be a step ahead of the data) but a pause stops PostgreSQL cleanly and loses nothing.
 */
async function keptDatabase(dir: string): Promise<{ databaseUrl: string; release: () => Promise<void> }> {
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755); // the `postgres` OS user (as root) must walk into it
  const cluster = await startEmbeddedPostgres({ dataDir: join(dir, "postgres"), port: 0, asynchronousCommit: true });
  await ensureDatabase(cluster.url, "simulation");
  const databaseUrl = cluster.urlFor("simulation");
  await applyMigrations(databaseUrl);
  return { databaseUrl, release: () => cluster.stop() };
}
