import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createDb, type Db } from "../db";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { SYSTEM_ACTOR } from "../audit/actor";
import { EVENT, SCOPE } from "../contracts/names";
import { upsertAccounts } from "../debtors/upsert-accounts";
import { openDispute } from "./open-dispute";
import { requestCease } from "./request-cease";
import { recordPromise } from "./record-promise";

const item = (n: number, debtor: string) => ({
  externalId: `C${n}`,
  debtor: { externalId: debtor, firstName: "Jo", lastName: "Roe", phones: [{ number: "+13105550101", lineType: "CELL", tcpaConsentAt: "2026-01-01T00:00:00Z", tcpaConsentSource: "application" }, { number: "+13105550102", lineType: "LANDLINE" }] },
  creditor: "Acme",
  balanceCents: 9000,
  originalBalanceCents: 9000,
});

describe("consumer requests take effect at once", () => {
  let database: TestDatabase;
  let db: Db;
  before(async () => {
    database = await createTestDatabase({ migrate: true });
    db = createDb(database.url);
    await upsertAccounts(db, { items: [item(1, "X"), item(2, "X"), item(3, "Y"), item(4, "Z")] }, SYSTEM_ACTOR);
  });
  after(async () => {
    await db.$disconnect();
    await database.drop();
  });
  const account = (externalId: string) => db.account.findUniqueOrThrow({ where: { externalId }, include: { debtor: { include: { phones: true } } } });

  test("a dispute marks the debt disputed, tells its journey, and blocks promises; a second one returns the first", async () => {
    const a = await account("C3");
    const first = await openDispute(db, { accountId: a.id, channel: "ORAL", reason: "paid already" }, SYSTEM_ACTOR);
    const second = await openDispute(db, { accountId: a.id, channel: "WRITTEN" }, SYSTEM_ACTOR);
    assert.equal(second.alreadyOpen, true);
    assert.equal(second.dispute.id, first.dispute.id);
    const after = await account("C3");
    assert.equal(after.status, "DISPUTED");
    assert.ok(after.disputePendingAt);
    const events = await db.outboxEvent.findMany({ where: { eventKey: EVENT.disputeOpened, aggregateId: a.id } });
    assert.deepEqual(events.map((e) => e.scope), [SCOPE.account(a.id)]);
    await assert.rejects(recordPromise(db, { accountId: a.id, amountCents: 100, dueDate: "2026-12-01" }, SYSTEM_ACTOR), { code: "COMPLIANCE_BLOCKED" });
  });

  test("stop calling one number bans that number only and revokes its consent; every account's journey is told", async () => {
    const a = await account("C1");
    const result = await requestCease(db, { kind: "STOP_CALLING", accountId: a.id, phoneNumber: "+13105550101" }, SYSTEM_ACTOR);
    assert.equal(result.phonesBlocked, 1);
    assert.equal(result.accountIds.length, 2, "both of the debtor's accounts");
    const after = await account("C1");
    const phones = Object.fromEntries(after.debtor.phones.map((p) => [p.number, p]));
    assert.equal(phones["+13105550101"]!.status, "STOP_CALLING");
    assert.ok(phones["+13105550101"]!.consentRevokedAt);
    assert.equal(phones["+13105550102"]!.status, "ACTIVE");
    assert.equal(after.debtor.stopCallingAt, null, "a one-number ban does not ban the person");
    assert.equal(await db.outboxEvent.count({ where: { eventKey: EVENT.ceaseRequested } }), 2);
  });

  test("a written cease stops contact about every debt of the debtor and keeps the first receipt time", async () => {
    const a = await account("C4");
    const received = "2026-11-20T15:00:00.000Z";
    await requestCease(db, { kind: "CEASE_COMMUNICATION", debtorId: a.debtorId, receivedAt: received }, SYSTEM_ACTOR);
    await requestCease(db, { kind: "REFUSAL_TO_PAY", debtorId: a.debtorId }, SYSTEM_ACTOR);
    const after = await account("C4");
    assert.equal(after.status, "CEASED");
    assert.equal(after.debtor.ceaseCommunicationAt?.toISOString(), received);
    assert.ok(after.debtor.refusedToPayAt);
    await assert.rejects(requestCease(db, { kind: "CEASE_COMMUNICATION", debtorId: "cnobody" }, SYSTEM_ACTOR), { code: "NOT_FOUND" });
    await assert.rejects(requestCease(db, { kind: "CEASE_COMMUNICATION", debtorId: a.debtorId, phoneNumber: "+13105550101" }, SYSTEM_ACTOR), { name: "ZodError" });
  });
});
