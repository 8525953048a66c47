import assert from "node:assert/strict";
import { test } from "node:test";
import { hatchetDashboardUrl } from "./dashboard-link";

test("links to the Hatchet dashboard only for real Hatchet", () => {
  const runId = "0b6c1a3e-8f5d-4a7e-9c2b-1d3e5f7a9b0c";
  assert.equal(
    hatchetDashboardUrl({ mode: "external", apiUrl: "https://cloud.onhatchet.run/", tenantId: "t-1", runId }),
    `https://cloud.onhatchet.run/tenants/t-1/runs/${runId}`,
  );
  assert.equal(hatchetDashboardUrl({ mode: "external", apiUrl: "http://hatchet:8080/api", tenantId: "t", runId: "r" }), "http://hatchet:8080/tenants/t/runs/r");
  assert.equal(hatchetDashboardUrl({ mode: "embedded", apiUrl: "http://127.0.0.1:7078", tenantId: "t", runId }), null);
  assert.equal(hatchetDashboardUrl({ mode: "external", apiUrl: undefined, tenantId: "t", runId }), null);
});
