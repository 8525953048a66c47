import assert from "node:assert/strict";
import { before, test } from "node:test";
import { EnvError, parseEnv } from "../lib/env";
import type { allWorkflows as AllWorkflows } from "../workflows/index";
import type * as Roles from "./roles";

/**
 * The role split is total and exclusive: every workflow a worker can serve is served by exactly one
 * of voice, llm and core (a new workflow lands in core), and the all-in-one worker serves them all.
 */
let allWorkflows: typeof AllWorkflows;
let roles: typeof Roles;

before(async () => {
  // Declaring workflows builds the SDK client, which wants a token; nothing here connects to it.
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  process.env.HATCHET_CLIENT_TOKEN ??= `${b64({ alg: "none" })}.${b64({ sub: "unit-test", grpc_broadcast_address: "127.0.0.1:1", server_url: "http://127.0.0.1:1" })}.x`;
  process.env.HATCHET_CLIENT_TLS_STRATEGY ??= "none";
  ({ allWorkflows } = await import("../workflows/index"));
  roles = await import("./roles");
});

test("every workflow is served by exactly one of voice, llm and core", () => {
  assert.ok(allWorkflows.length > 0);
  for (const workflow of allWorkflows) {
    const servedBy = roles.SCALED_ROLES.filter((role) => roles.workflowsForRole(role).some((w) => w.name === workflow.name));
    assert.deepEqual(servedBy.length, 1, `${workflow.name} is served by ${servedBy.join(", ") || "no role"}`);
  }
  const served = roles.SCALED_ROLES.flatMap((role) => roles.workflowsForRole(role).map((w) => w.name)).sort();
  assert.deepEqual(served, allWorkflows.map((w) => w.name).sort());
});

test("the all-in-one worker serves every workflow", () => {
  assert.deepEqual(roles.workflowsForRole("all-in-one").map((w) => w.name).sort(), allWorkflows.map((w) => w.name).sort());
});

test("calls go to voice, summaries to llm, the durable journey and the rest to core", () => {
  const names = (role: Roles.WorkerRole) => roles.workflowsForRole(role).map((w) => w.name);
  assert.deepEqual(names("voice"), ["call-dial"]);
  assert.deepEqual(names("llm"), ["call-finish"]);
  for (const name of ["collection-journey", "journey-plan-step", "campaign-launch"]) assert.ok(names("core").includes(name), name);
});

test("a workflow added later is served by core, not by nobody", () => {
  const added = { name: "crm-webhook-delivery" } as (typeof allWorkflows)[number];
  const list = [...allWorkflows, added];
  assert.ok(roles.workflowsForRole("core", list).includes(added));
  assert.ok(!roles.workflowsForRole("voice", list).includes(added));
  assert.ok(!roles.workflowsForRole("llm", list).includes(added));
  assert.ok(roles.workflowsForRole("all-in-one", list).includes(added));
});

test("lib/env.ts accepts every role in RECOURSE_WORKER_ROLE, and nothing else", () => {
  for (const role of [...roles.SCALED_ROLES, "all-in-one"] as const) assert.equal(parseEnv({ RECOURSE_WORKER_ROLE: role }).RECOURSE_WORKER_ROLE, role);
  assert.throws(() => parseEnv({ RECOURSE_WORKER_ROLE: "gpu" }), EnvError);
});

test("only core and the all-in-one run the outbox relay and report the database gauges; slots can be overridden", () => {
  for (const role of ["voice", "llm"] as const) {
    const profile = roles.roleProfile(role);
    assert.equal(profile.runsOutboxRelay, false, role);
    assert.equal(profile.reportsDatabaseGauges, false, role);
    assert.deepEqual(profile.labels, { role });
  }
  for (const role of ["core", "all-in-one"] as const) assert.equal(roles.roleProfile(role).runsOutboxRelay, true, role);
  assert.equal(roles.roleProfile("voice", { slots: 7 }).slots, 7);
  assert.equal(roles.roleProfile("voice").slots, 50);
  assert.equal(roles.roleProfile("core", { durableSlots: 5000 }).durableSlots, 5000);
});
