import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createDb, type Db } from "../db";
import type { CallOutcome } from "../contracts/call-outcome";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { computeKpis } from "./kpis";
import { periodRange } from "./period";

let database: TestDatabase;
let client: Db;
const now = new Date("2026-03-10T15:00:00Z");
const at = (iso: string) => new Date(`2026-${iso}Z`);

before(async () => {
  database = await createTestDatabase({ migrate: true });
  client = createDb(database.url, { max: 2 });
  const debtor = await client.debtor.create({ data: { externalId: "D1", firstName: "Ana", lastName: "Lee", timeZoneCandidates: ["America/New_York"] } });
  const account = await client.account.create({
    data: { externalId: "A1", debtorId: debtor.id, creditor: "Bank", balanceCents: 100_000, originalBalanceCents: 100_000, createdAt: at("01-01T00:00:00") },
  });
  // Placed after the period: not part of its placed balance.
  await client.account.create({ data: { externalId: "A2", debtorId: debtor.id, creditor: "Bank", balanceCents: 9_999, originalBalanceCents: 9_999, createdAt: at("04-01T00:00:00") } });
  const attempt = (key: string, placedAt: string, outcome: CallOutcome, costCents: number, direction: "OUTBOUND" | "INBOUND" = "OUTBOUND") =>
    client.callAttempt.create({ data: { idempotencyKey: key, debtorId: debtor.id, phoneNumber: "+12125550100", placedAt: at(placedAt), outcome, costCents, direction } });
  await attempt("a1", "03-05T14:00:00", "NO_ANSWER", 10);
  const rpc = await attempt("a2", "03-06T14:00:00", "RIGHT_PARTY_CONTACT", 20);
  await client.callSummary.create({ data: { attemptId: rpc.id, source: "LLM", summary: "talked", outcome: "RIGHT_PARTY_CONTACT", rightPartyContact: true, confidence: 0.9, costMicros: 50_000 } });
  await attempt("a3", "03-10T10:00:00", "PROMISE_TO_PAY", 30);
  await attempt("a4", "02-01T14:00:00", "RIGHT_PARTY_CONTACT", 100);
  await attempt("a5", "03-07T14:00:00", "INBOUND_CONVERSATION", 7, "INBOUND");
  await client.promiseToPay.createMany({
    data: [
      { accountId: account.id, amountCents: 25_000, dueDate: at("03-08T00:00:00"), status: "KEPT", resolvedAt: at("03-08T12:00:00"), createdAt: at("03-06T14:05:00") },
      { accountId: account.id, amountCents: 10_000, dueDate: at("03-20T00:00:00"), status: "PENDING", createdAt: at("03-10T10:05:00") },
      { accountId: account.id, amountCents: 10_000, dueDate: at("02-10T00:00:00"), status: "BROKEN", resolvedAt: at("03-05T00:00:00"), createdAt: at("02-01T14:05:00") },
    ],
  });
  await client.payment.createMany({
    data: [
      { accountId: account.id, provider: "test", providerPaymentId: "p1", amountCents: 25_000, receivedAt: at("03-08T12:00:00") },
      { accountId: account.id, provider: "test", providerPaymentId: "p2", amountCents: 5_000, receivedAt: at("03-09T12:00:00"), status: "REVERSED" },
      { accountId: account.id, provider: "test", providerPaymentId: "p3", amountCents: 1_000, receivedAt: at("02-02T12:00:00") },
    ],
  });
  const decision = (evaluatedAt: string, verdict: "ALLOW" | "DENY", codes: string[]) =>
    client.complianceDecision.create({ data: { debtorId: debtor.id, decision: verdict, reasons: codes.map((code) => ({ code, rule: "r", detail: "d" })), evaluatedAt: at(evaluatedAt), snapshot: {} } });
  await decision("03-05T13:00:00", "DENY", ["CALL_CAP", "QUIET_HOURS"]);
  await decision("03-06T13:00:00", "DENY", ["CALL_CAP"]);
  await decision("03-06T13:30:00", "ALLOW", []);
  await decision("01-01T13:00:00", "DENY", ["CALL_CAP"]);
});

after(async () => {
  await client.$disconnect();
  await database.drop();
});

test("KPIs over the last 7 days count only the period's outbound calls, applied payments and blocks", async () => {
  const k = await computeKpis(client, periodRange("7d", now), now);
  assert.equal(k.dials, 3);
  assert.equal(k.rightPartyContacts, 2);
  assert.equal(k.rightPartyContactRate, 2 / 3);
  assert.equal(k.dialsToday, 1);
  assert.equal(k.promisesMade, 2);
  assert.equal(k.promiseToPayRate, 1);
  assert.equal(k.promisesKept, 1);
  assert.equal(k.promisesBroken, 1);
  assert.equal(k.promiseKeptRate, 0.5);
  assert.equal(k.recoveredCents, 25_000);
  assert.equal(k.placedCents, 100_000);
  assert.equal(k.liquidationRate, 0.25);
  assert.equal(k.costCents, 65, "10 + 20 + 30 cents of calls and 5 cents of LLM");
  assert.equal(k.costPerDollarCollected, 65 / 250);
  assert.equal(k.complianceBlocks, 2);
  assert.deepEqual(k.blockReasons, [{ code: "CALL_CAP", count: 2 }, { code: "QUIET_HOURS", count: 1 }]);
  assert.deepEqual(k.daily.map((d) => d.day), ["03-04", "03-05", "03-06", "03-07", "03-08", "03-09", "03-10"].map((d) => `2026-${d}`));
  assert.deepEqual(k.daily.map((d) => [d.dials, d.rightPartyContacts, d.recoveredCents]), [[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 0, 0], [0, 0, 25_000], [0, 0, 0], [1, 1, 0]]);
});

test("an empty period reports zeros and no rates rather than dividing by zero", async () => {
  const k = await computeKpis(client, { from: at("06-01T00:00:00"), to: at("06-02T00:00:00") }, now);
  assert.equal(k.dials, 0);
  assert.equal(k.rightPartyContactRate, null);
  assert.equal(k.promiseKeptRate, null);
  assert.equal(k.costPerDollarCollected, null);
  assert.equal(k.daily.length, 1);
});
