import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createDb, type Db } from "../db";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { SYSTEM_ACTOR } from "../audit/actor";
import { upsertAccounts } from "../debtors/upsert-accounts";
import { openDispute } from "../consumer-requests/open-dispute";
import { recordPromise } from "../consumer-requests/record-promise";
import { recordPayment } from "./record-payment";

const item = (n: number, balanceCents = 10_000) => ({ externalId: `A${n}`, debtor: { externalId: `D${n}`, firstName: "Sam", lastName: "Lee" }, creditor: "Acme", balanceCents, originalBalanceCents: balanceCents });
const pay = (id: string, accountExternalId: string, amountCents: number, extra: Record<string, unknown> = {}) => ({ provider: "stripe", providerPaymentId: id, accountExternalId, amountCents, receivedAt: new Date().toISOString(), ...extra });

describe("recordPayment", () => {
  let database: TestDatabase;
  let db: Db;
  before(async () => {
    database = await createTestDatabase({ migrate: true });
    db = createDb(database.url);
    await upsertAccounts(db, { items: [item(1), item(2), item(3, 3000), item(4)] }, SYSTEM_ACTOR);
  });
  after(async () => {
    await db.$disconnect();
    await database.drop();
  });

  test("applies in integer cents, keeps covered promises oldest first, announces payment:received", async () => {
    const account = await db.account.findUniqueOrThrow({ where: { externalId: "A1" } });
    const p1 = await recordPromise(db, { accountId: account.id, amountCents: 2000, dueDate: "2026-12-01" }, SYSTEM_ACTOR);
    const p2 = await recordPromise(db, { accountId: account.id, amountCents: 3000, dueDate: "2026-12-15" }, SYSTEM_ACTOR);
    const first = await recordPayment(db, pay("pi_a", "A1", 2500), SYSTEM_ACTOR);
    assert.deepEqual(first.promisesKept, [p1.id]);
    const second = await recordPayment(db, pay("pi_b", "A1", 2500), SYSTEM_ACTOR);
    assert.deepEqual(second.promisesKept, [p2.id], "500 left over from the first payment counts toward the second promise");
    assert.equal((await db.account.findUniqueOrThrow({ where: { id: account.id } })).balanceCents, 5000);
    const events = await db.outboxEvent.findMany({ where: { eventKey: "payment:received", aggregateId: account.id }, orderBy: { id: "asc" } });
    assert.deepEqual(events.map((e) => (e.payload as { balanceCents: number }).balanceCents), [7500, 5000]);
  });

  test("concurrent duplicates of one provider payment id are applied once", async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => recordPayment(db, pay("pi_dup", "A2", 1000), SYSTEM_ACTOR)));
    assert.equal(results.filter((r) => !r.duplicate).length, 1);
    assert.equal(new Set(results.map((r) => r.payment.id)).size, 1);
    assert.equal((await db.account.findUniqueOrThrow({ where: { externalId: "A2" } })).balanceCents, 9000);
  });

  test("paying off the balance marks the account PAID; overpayment never goes below zero", async () => {
    await recordPayment(db, pay("pi_off", "A3", 5000), SYSTEM_ACTOR);
    const account = await db.account.findUniqueOrThrow({ where: { externalId: "A3" } });
    assert.deepEqual([account.balanceCents, account.status], [0, "PAID"]);
  });

  test("a disputed debt, an unknown account or another currency parks the payment (12 CFR 1006.30(c))", async () => {
    const a4 = await db.account.findUniqueOrThrow({ where: { externalId: "A4" } });
    await openDispute(db, { accountId: a4.id, channel: "WRITTEN" }, SYSTEM_ACTOR);
    const disputed = await recordPayment(db, pay("pi_d", "A4", 1000), SYSTEM_ACTOR);
    assert.deepEqual([disputed.payment.status, disputed.parkedReason], ["PARKED", "disputed"]);
    assert.equal((await db.account.findUniqueOrThrow({ where: { id: a4.id } })).balanceCents, 10_000, "balance untouched");
    assert.equal(await db.outboxEvent.count({ where: { eventKey: "payment:received", aggregateId: a4.id } }), 0);
    const repeat = await recordPayment(db, pay("pi_d", "A4", 1000), SYSTEM_ACTOR);
    assert.deepEqual([repeat.duplicate, repeat.parkedReason], [true, "disputed"]);
    assert.equal((await recordPayment(db, pay("pi_u", "NOPE", 1000), SYSTEM_ACTOR)).parkedReason, "unknown_account");
    assert.equal((await recordPayment(db, pay("pi_c", "A2", 1000, { currency: "EUR" }), SYSTEM_ACTOR)).parkedReason, "currency_mismatch");
  });
});
