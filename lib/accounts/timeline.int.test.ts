import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createDb, type Db } from "../db";
import { seedActivity } from "../seed/activity";
import { seedPortfolio } from "../seed/portfolio";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { accountDetails } from "./details";
import { listAccounts } from "./list";
import { accountTimeline } from "./timeline";

let database: TestDatabase;
let client: Db;
const asOf = new Date("2026-03-10T15:00:00Z");

before(async () => {
  database = await createTestDatabase({ migrate: true });
  client = createDb(database.url, { max: 4 });
  await seedPortfolio(client, { accounts: 60, seed: 3, asOf });
  const activity = await seedActivity(client, { accounts: 60, seed: 3, asOf });
  assert.ok(activity.attempts >= 60, "every enrolled account has at least one call");
  assert.deepEqual(await seedActivity(client, { accounts: 60, seed: 3, asOf }), { ...activity, enrollments: 0, attempts: 0, payments: 0, promises: 0, disputes: 0, decisions: 0 }, "a second run adds nothing");
});

after(async () => {
  await client.$disconnect();
  await database.drop();
});

test("an account's timeline merges calls with transcripts and summaries, money, disputes, decisions and audit, newest first", async () => {
  const summary = await client.callSummary.findFirstOrThrow({ where: { outcome: "PROMISE_TO_PAY" }, include: { attempt: { include: { debts: true } } } });
  const accountId = summary.attempt.debts[0]?.accountId;
  assert.ok(accountId);
  await client.payment.create({ data: { accountId, provider: "test", providerPaymentId: "t-1", amountCents: 1234, receivedAt: new Date("2026-03-10T16:00:00Z") } });
  await client.dispute.create({ data: { accountId, channel: "WRITTEN", receivedAt: new Date("2026-03-10T17:00:00Z"), reason: "letter" } });
  await client.auditLog.create({ data: { actorType: "OPERATOR", actorId: "op1", action: "account.viewed", entityType: "account", entityId: accountId, createdAt: new Date("2026-03-10T18:00:00Z") } });
  const debtorId = summary.attempt.debtorId;
  await client.complianceDecision.create({
    data: { debtorId, accountIds: [accountId], decision: "DENY", reasons: [{ code: "DISPUTE_PENDING", rule: "12 CFR 1006.38(d)(2)", detail: "awaiting verification" }], nextAllowedAt: null, evaluatedAt: new Date("2026-03-10T17:30:00Z"), snapshot: {} },
  });

  const timeline = await accountTimeline(client, accountId);
  const sorted = [...timeline].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  assert.deepEqual(timeline.map((e) => e.at), sorted.map((e) => e.at), "newest first");
  assert.deepEqual(timeline.slice(0, 4).map((e) => e.kind), ["audit", "compliance", "dispute", "payment"]);

  const call = timeline.find((e) => e.kind === "call" && e.id === summary.attemptId);
  assert.ok(call && call.kind === "call");
  assert.equal(call.outcome, "PROMISE_TO_PAY");
  assert.equal(call.sipStatus, 200);
  assert.ok(call.durationSeconds !== null && call.durationSeconds >= 30);
  assert.ok(call.transcript && call.transcript.length >= 4);
  assert.deepEqual([...new Set(call.transcript.map((s) => s.speaker))].sort(), ["agent", "consumer"]);
  assert.equal(call.summary?.outcome, "PROMISE_TO_PAY");
  assert.ok(call.summary.confidence > 0 && call.summary.confidence <= 1);
  assert.ok(timeline.some((e) => e.kind === "promise"), "the promise made on the call");
  const block = timeline.find((e) => e.kind === "compliance" && e.decision === "DENY");
  assert.ok(block && block.kind === "compliance");
  assert.equal(block.reasons[0]?.code, "DISPUTE_PENDING");
  assert.ok(timeline.every((e) => e.kind !== "call" || e.phoneNumber.startsWith("+1")));
});

test("the timeline of an account shows no other account's calls", async () => {
  const [a, b] = await client.account.findMany({ take: 2, orderBy: { externalId: "asc" } });
  assert.ok(a && b);
  const ids = new Set((await client.callAttemptDebt.findMany({ where: { accountId: b.id } })).map((d) => d.attemptId));
  const timeline = await accountTimeline(client, a.id);
  assert.ok(timeline.some((e) => e.kind === "call"));
  assert.ok(timeline.every((e) => e.kind !== "call" || !ids.has(e.id)));
  assert.deepEqual(await accountTimeline(client, "no-such-account"), []);
});

test("accounts list pages, searches and flags disputes; details carry debtor and phones", async () => {
  const all = await listAccounts(client, { pageSize: 25 });
  assert.equal(all.total, 60);
  assert.equal(all.rows.length, 25);
  const page3 = await listAccounts(client, { pageSize: 25, page: 3 });
  assert.equal(page3.rows.length, 10);
  const first = all.rows[0];
  assert.ok(first);
  const byRef = await listAccounts(client, { query: first.externalId });
  assert.equal(byRef.rows[0]?.id, first.id);
  const disputed = await listAccounts(client, { status: "DISPUTED" });
  assert.equal(disputed.total, await client.account.count({ where: { status: "DISPUTED" } }));
  assert.ok(disputed.rows.every((r) => r.flags.includes("dispute pending")));
  const details = await accountDetails(client, first.id);
  assert.ok(details && details.debtor.phones.length > 0);
  assert.equal(await accountDetails(client, "missing"), null);
});
