/**
 * The compliance simulation at 1,000 accounts over two virtual weeks (`npm run simulate` takes
 * other sizes; this is its own tier, run alone, since it keeps both cores busy): a thousand
 * journeys start at once at 08:00 in New York, the gate holds every time zone back until its own
 * 08:00, the campaign's concurrency and daily caps bind, and over the days that follow the rules
 * that span days — 7 calls in 7 days, the quiet period after a conversation, promises kept and
 * broken, attempts exhausted — over mixed personas, states (MA among them), line types and
 * consents. The independent auditor must find no violation and no duplicate dial, and every
 * journey must have ended or still be legitimately waiting.
 *
 * It runs the way a long simulation is meant to be run: `npm run simulate` with a state folder,
 * paused after the first week and resumed by a second process, so every part of the system (its
 * PostgreSQL, the engine, the workers, the call simulator) stops and starts again mid-campaign.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { SimulationReport } from "./run-simulation";

const ACCOUNTS = Number(process.env.SIMULATION_TEST_ACCOUNTS ?? 1_000);
const DAYS = 14;
let folder: string;

before(() => {
  folder = mkdtempSync(join(tmpdir(), "recourse-simulation-test-"));
  chmodSync(folder, 0o755); // mkdtemp makes it 0700; the `postgres` user must walk into it
});

after(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** One `npm run simulate` process over the test's state folder; resolves with its exit code and JSON report. */
async function simulate(extra: string[]): Promise<{ code: number | null; report: SimulationReport }> {
  const reportFile = join(folder, `report-${Date.now()}.json`);
  const args = ["--import", "tsx", "scripts/simulate.ts", "--accounts", String(ACCOUNTS), "--days", String(DAYS), "--state", join(folder, "state"), "--report", reportFile, ...extra];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  // The table and the auditor's verdict, without the SDK's listener warnings.
  console.log(output.split("\n").filter((line) => !/MaxListeners|--trace-warnings/.test(line)).join("\n"));
  let report: SimulationReport;
  try {
    report = JSON.parse(readFileSync(reportFile, "utf8")) as SimulationReport;
  } catch {
    throw new Error(`the simulation wrote no report (exit ${code})`);
  }
  return { code, report };
}

function assertCompliant(report: SimulationReport): void {
  assert.deepEqual(report.audit.violations, [], "the auditor found no violation");
  assert.equal(report.lostJourneys, 0, "every journey ended or is still waiting");
  assert.equal(report.audit.attempts, report.dials, "the auditor read every attempt");
}

test(`a ${ACCOUNTS}-account campaign over ${DAYS} virtual days, paused and resumed, breaks no rule and loses no journey`, { timeout: 1_800_000 }, async () => {
  const firstWeek = await simulate(["--pause-at-day", "7"]);
  assert.equal(firstWeek.code, 3, "the first process paused (exit 3)");
  assert.equal(firstWeek.report.paused, true);
  assert.ok(firstWeek.report.virtualDaysDone >= 7 && firstWeek.report.virtualDaysDone < DAYS, `paused after the first week (day ${firstWeek.report.virtualDaysDone})`);
  assertCompliant(firstWeek.report);

  const { code, report } = await simulate([]);
  assert.equal(code, 0, "the resumed run finished with a clean verdict");
  assert.equal(report.paused, false);
  assert.equal(report.sessions, 2, "one resume");
  assert.equal(report.virtualDaysDone, DAYS);
  assertCompliant(report);
  assert.ok(report.dials > firstWeek.report.dials, `the second week placed calls (${firstWeek.report.dials} → ${report.dials})`);
  assert.ok(report.dials >= ACCOUNTS / 2, `calls were placed (${report.dials})`);
  assert.ok(report.denials > 0, "the gate blocked some dials, each with a reason (checked by the auditor)");
  const terminal = ["PAID", "CLOSED", "DISPUTED", "CEASED", "ESCALATED", "EXHAUSTED"].reduce((sum, s) => sum + (report.journeys[s] ?? 0), 0);
  assert.ok(terminal > 0, `some journeys finished: ${JSON.stringify(report.journeys)}`);
});
