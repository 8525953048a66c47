import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Db } from "../db";
import { useMigratedDb } from "../testing/migrated-db";
import { SYSTEM_ACTOR } from "../audit/actor";
import { requestCease } from "../consumer-requests/request-cease";
import { upsertAccounts } from "./upsert-accounts";

const item = (n: number, overrides: Record<string, unknown> = {}) => ({
  externalId: `A${n}`,
  debtor: { externalId: `D${Math.floor(n / 2)}`, firstName: "Kim", lastName: `Park${Math.floor(n / 2)}`, phones: [{ number: `+1415555${String(n).padStart(4, "0")}`, lineType: "CELL" }] },
  creditor: "Acme",
  balanceCents: 1000 + n,
  originalBalanceCents: 2000,
  ...overrides,
});

describe("upsertAccounts", () => {
  const suite = useMigratedDb();
  let db: Db;
  before(async () => {
    db = await suite.ready();
  });

  test("creates, then reports unchanged, updated and rejected items one by one", async () => {
    const created = await upsertAccounts(db, { items: [item(0), item(1), item(2)] }, SYSTEM_ACTOR);
    assert.deepEqual([created.created, created.rejected], [3, 0]);
    assert.equal(await db.debtor.count(), 2, "A0 and A1 share debtor D0");
    assert.equal(await db.phone.count({ where: { debtor: { externalId: "D0" } } }), 2, "phones merged");
    const next = await upsertAccounts(db, { items: [item(0), item(1, { balanceCents: 5 }), { ...item(2), balanceCents: -1 }, item(3), item(3), { externalId: "A9", debtor: { externalId: "D0", firstName: "Kim", lastName: "Park0" }, creditor: "x", balanceCents: 1, originalBalanceCents: 1 }] }, SYSTEM_ACTOR);
    assert.deepEqual(next.items.map((i) => i.result), ["unchanged", "updated", "rejected", "created", "rejected", "created"]);
    assert.equal(next.items[2]!.errors[0]!.path, "balanceCents");
    assert.match(next.items[4]!.errors[0]!.message, /twice/);
    assert.equal((await db.account.findUniqueOrThrow({ where: { externalId: "A1" } })).balanceCents, 5);
    const moved = await upsertAccounts(db, { items: [item(0, { debtor: { externalId: "D-other", firstName: "X", lastName: "Y" } })] }, SYSTEM_ACTOR);
    assert.equal(moved.items[0]!.result, "rejected", "accounts never move between debtors");
  });

  test("never overwrites consumer flags or status set by a cease request", async () => {
    const account = await db.account.findUniqueOrThrow({ where: { externalId: "A0" } });
    await requestCease(db, { kind: "CEASE_COMMUNICATION", accountId: account.id }, SYSTEM_ACTOR);
    await upsertAccounts(db, { items: [item(0, { balanceCents: 777 })] }, SYSTEM_ACTOR);
    const after = await db.account.findUniqueOrThrow({ where: { id: account.id }, include: { debtor: true } });
    assert.deepEqual([after.status, after.balanceCents], ["CEASED", 777]);
    assert.ok(after.debtor.ceaseCommunicationAt);
  });

  test("10,000 items in one call; more are refused", async () => {
    const items = Array.from({ length: 10_000 }, (_, i) => item(1000 + i));
    const result = await upsertAccounts(db, { items }, SYSTEM_ACTOR);
    assert.equal(result.created, 10_000);
    await assert.rejects(upsertAccounts(db, { items: [...items, item(99_999)] }, SYSTEM_ACTOR), { name: "ZodError" });
  });
});
