/**
 * `npm run simulate -- --accounts 10000 --days 60`: a campaign over that many virtual days on a
 * throw-away embedded PostgreSQL (workflows/simulation/run-simulation.ts), then the independent
 * auditor's verdict. Prints a table; exits 1 if a rule was broken or a journey was lost.
 * `--workers <n>` sets the in-process Hatchet workers (one per 500 accounts by default).
 * `--profile <dir>` writes a CPU profile of the driver process (worker, simulator, relay); `--trace`
 * logs every clock step with the wall time it took.
 */
import { parseArgs } from "node:util";
import { createTestDatabase, startTestCluster, TEST_CLUSTER_ENV } from "../lib/testing/database";
import { runSimulation } from "../workflows/simulation/run-simulation";
import { startCpuProfile } from "../bench/cpu-profile";

const { values } = parseArgs({ options: { accounts: { type: "string", default: "1000" }, days: { type: "string", default: "60" }, seed: { type: "string", default: "1" }, workers: { type: "string" }, profile: { type: "string" }, trace: { type: "boolean", default: false } } });
const accounts = Number(values.accounts);
const days = Number(values.days);
const workers = values.workers === undefined ? undefined : Number(values.workers);
if (!Number.isInteger(accounts) || accounts < 1 || !Number.isFinite(days) || days <= 0 || (workers !== undefined && (!Number.isInteger(workers) || workers < 1))) {
  console.error("usage: npm run simulate -- --accounts <n ≥ 1> --days <d > 0> [--seed <n>] [--workers <n ≥ 1>] [--profile <dir>] [--trace]");
  process.exit(2);
}
process.env.HATCHET_CLIENT_LOG_LEVEL ??= "ERROR";
const cluster = await startTestCluster();
process.env[TEST_CLUSTER_ENV] = cluster.url;
const database = await createTestDatabase({ migrate: true });
let failed = true;
try {
  // --profile <dir>: a CPU profile of this process (worker, simulator, receivers, relay) over the run.
  const stopProfile = await startCpuProfile(values.profile, "simulation");
  const report = await runSimulation({ databaseUrl: database.url, accounts, days, seed: Number(values.seed), workers, traceSteps: values.trace, onProgress: (line) => console.log(`  ${line}`) });
  await stopProfile();
  const rows: [string, string][] = [
    ["accounts / virtual days", `${report.accounts} / ${report.virtualDays}`],
    ["real time", `${report.realSeconds} s (${report.steps} clock steps)`],
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
  failed = report.audit.violations.length > 0 || report.lostJourneys > 0;
} finally {
  await database.drop().catch(() => undefined);
  await cluster.stop();
}
process.exit(failed ? 1 : 0);
