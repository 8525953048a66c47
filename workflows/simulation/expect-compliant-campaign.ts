import assert from "node:assert/strict";
import type { SimulationReport } from "./run-simulation";

const TERMINAL = ["PAID", "CLOSED", "DISPUTED", "CEASED", "ESCALATED", "EXHAUSTED"];

/**
 * What every simulated campaign must show, whatever its size: the independent auditor found no
 * violation and read every attempt, no journey was lost, calls were placed, the gate blocked some
 * (each with a reason, which the auditor checks), and some journeys finished. Prints the figures.
 */
export function expectCompliantCampaign(report: SimulationReport): void {
  console.log(`simulation: ${JSON.stringify({ ...report, audit: { attempts: report.audit.attempts, decisions: report.audit.decisions, violations: report.audit.violations.length } })}`);
  assert.deepEqual(report.audit.violations, [], "the auditor found no violation");
  assert.equal(report.lostJourneys, 0, "every journey ended or is still waiting");
  assert.ok(report.dials >= report.accounts / 2, `calls were placed (${report.dials})`);
  assert.equal(report.audit.attempts, report.dials, "the auditor read every attempt");
  assert.ok(report.denials > 0, "the gate blocked some dials, each with a reason (checked by the auditor)");
  const terminal = TERMINAL.reduce((sum, s) => sum + (report.journeys[s] ?? 0), 0);
  assert.ok(terminal > 0, `some journeys finished: ${JSON.stringify(report.journeys)}`);
}
