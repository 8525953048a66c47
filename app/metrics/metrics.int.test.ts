import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { parsePrometheusText } from "@/lib/testing/prometheus-text";
import { accountItem, startApiHarness, type ApiHarness } from "../api/v1/testing/harness";

/**
 * The console's /metrics and /healthz route handlers on a real database: the metric names are
 * there, and the database-derived values move after actions taken through the CRM API.
 */
describe("GET /metrics and /healthz (console)", () => {
  let h: ApiHarness;
  let metricsRoute: { GET: () => Promise<Response> };
  let healthzRoute: { GET: () => Promise<Response> };
  before(async () => {
    h = await startApiHarness();
    metricsRoute = await import("./route");
    healthzRoute = await import("../healthz/route");
  });
  after(() => h.close());

  async function scrape(): Promise<{ text: string; value: (series: string) => number | undefined }> {
    const response = await metricsRoute.GET();
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    const samples = parsePrometheusText(text);
    return { text, value: (series) => samples.get(series) };
  }

  test("/healthz answers like /api/health: database up, migrations counted", async () => {
    const response = await healthzRoute.GET();
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("cache-control"), "no-store");
    const body = (await response.json()) as { status: string; database: { ok: boolean; migrations: number } };
    assert.equal(body.status, "ok");
    assert.ok(body.database.ok && body.database.migrations >= 1);
  });

  test("exposes the documented metric families", async () => {
    const { text } = await scrape();
    for (const name of ["recourse_journeys", "recourse_compliance_blocks_24h", "recourse_outbox_backlog_events", "recourse_outbox_lag_seconds", "recourse_outbox_retrying_events", "recourse_dials_total", "recourse_call_outcomes_total", "recourse_step_duration_seconds", "recourse_process_cpu_seconds_total"]) {
      assert.match(text, new RegExp(`^# TYPE ${name} `, "m"), name);
    }
  });

  test("journeys by state, compliance blocks and the outbox backlog move after actions", async () => {
    const before = await scrape();
    assert.equal(before.value('recourse_journeys{state="PENDING"}'), 0);
    assert.equal(before.value("recourse_outbox_backlog_events"), 0);

    // Through the CRM API: accounts, a campaign, its launch (an outbox event for the relay).
    assert.equal((await h.call("POST", "/api/v1/accounts/bulk", { body: { items: [accountItem(1), accountItem(2)] } })).status, 200);
    const strategy = { maxAttempts: 3, cadence: { hoursBetweenAttempts: 24 }, callingWindow: {}, agentScriptId: "s1" };
    const campaign = (await (await h.call("POST", "/api/v1/campaigns", { body: { name: "metrics", strategy } })).json()) as { id: string };
    assert.equal((await h.call("POST", `/api/v1/campaigns/${campaign.id}/launch`)).status, 200);
    // What the launch workflow would do next: one journey per account; and one dial the gate denied.
    const accounts = await h.db.account.findMany({ select: { id: true, debtorId: true } });
    for (const account of accounts) await h.db.enrollment.create({ data: { campaignId: campaign.id, accountId: account.id } });
    await h.db.complianceDecision.create({
      data: { debtorId: accounts[0]!.debtorId, decision: "DENY", reasons: [{ code: "QUIET_HOURS", rule: "12 CFR 1006.6(b)(1)(i)", detail: "outside 08:00-21:00 local" }], evaluatedAt: new Date(), snapshot: {}, accountIds: [accounts[0]!.id] },
    });

    const after = await scrape();
    assert.equal(after.value('recourse_journeys{state="PENDING"}'), 2);
    assert.equal(after.value('recourse_compliance_blocks_24h{code="QUIET_HOURS"}'), 1);
    assert.ok((after.value("recourse_outbox_backlog_events") ?? 0) >= 1, "the launch event waits for the relay");
  });
});
