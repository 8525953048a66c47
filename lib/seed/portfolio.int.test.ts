import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createDb, type Db } from "../db";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { seedPortfolio } from "./portfolio";

describe("seedPortfolio", () => {
  let database: TestDatabase;
  let db: Db;
  const asOf = new Date("2026-11-01T12:00:00Z");
  before(async () => {
    database = await createTestDatabase({ migrate: true });
    db = createDb(database.url);
  });
  after(async () => {
    await db.$disconnect();
    await database.drop();
  });

  test("inserts a consistent portfolio and reports progress to the end", async () => {
    const progress: number[] = [];
    const result = await seedPortfolio(db, { accounts: 500, seed: 11, asOf, onProgress: (done, total) => progress.push(done / total) });
    assert.equal(result.accounts, 500);
    assert.equal(await db.account.count(), 500);
    assert.equal(await db.debtor.count(), result.debtors);
    assert.equal(await db.phone.count(), result.phones);
    assert.equal(progress.at(-1), 1);
    const withPhones = await db.debtor.count({ where: { phones: { some: {} } } });
    assert.equal(withPhones, result.debtors, "every debtor has a phone");
    const sum = await db.account.aggregate({ _sum: { balanceCents: true } });
    assert.ok((sum._sum.balanceCents ?? 0) > 0);
  });

  test("is idempotent, and growing the portfolio adds only the difference", async () => {
    assert.deepEqual(await seedPortfolio(db, { accounts: 500, seed: 11, asOf }), { debtors: 0, phones: 0, accounts: 0 });
    const grown = await seedPortfolio(db, { accounts: 800, seed: 11, asOf });
    assert.equal(grown.accounts, 300);
    assert.equal(await db.account.count(), 800);
  });
});
