import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { createDb, readRows, type Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { useMigratedDb } from "../testing/migrated-db";
import { seedPortfolio } from "../seed/portfolio";
import { seedActivity } from "../seed/activity";
import type { RowFields } from "./row-fields";
import * as present from "./present";
import { listCallsEndpoint } from "./endpoints/activity";
import { getAccountEndpoint, getDebtorEndpoint, listDebtorsEndpoint } from "./endpoints/accounts";

// West of UTC, where node-postgres's own parsing of `date` (local midnight) would be a day off.
process.env.TZ = "America/New_York";

type Delegate = { findMany(args: { select: Record<string, true>; orderBy: { id: "asc" } }): Promise<Record<string, unknown>[]> };

/** Every declared field set with the Prisma model that reads the same table. */
const DECLARED = ([
  [present.PHONE_FIELDS, (db) => db.phone],
  [present.DEBTOR_FIELDS, (db) => db.debtor],
  [present.ACCOUNT_FIELDS, (db) => db.account],
  [present.CAMPAIGN_FIELDS, (db) => db.campaign],
  [present.PAYMENT_FIELDS, (db) => db.payment],
  [present.PROMISE_FIELDS, (db) => db.promiseToPay],
  [present.DISPUTE_FIELDS, (db) => db.dispute],
  [present.ENROLLMENT_FIELDS, (db) => db.enrollment],
  [present.CALL_FIELDS, (db) => db.callAttempt],
  [present.DECISION_FIELDS, (db) => db.complianceDecision],
] satisfies [unknown, (db: Db) => unknown][]).map(([fields, delegate]) => [fields as unknown as RowFields<never, never>, delegate as unknown as (db: Db) => Delegate] as const);

describe("row fields: list pages read what Prisma reads", () => {
  const suite = useMigratedDb();
  before(async () => {
    const db = await suite.ready();
    await seedPortfolio(db, { accounts: 150, seed: 5, asOf: new Date("2026-11-20T12:00:00Z") });
    await seedActivity(db, { accounts: 150, seed: 5, asOf: new Date("2026-11-20T12:00:00Z") });
    // Values the seed leaves empty, so every field below is compared with a value and not only as null.
    const [phone] = await db.phone.findMany({ take: 1, orderBy: { id: "asc" } });
    await db.phone.update({ where: { id: phone!.id }, data: { consentRevokedAt: new Date("2026-11-02T03:04:05.678Z") } });
    const [debtor] = await db.debtor.findMany({ take: 1, orderBy: { id: "asc" } });
    await db.debtor.update({ where: { id: debtor!.id }, data: { ceaseCommunicationAt: new Date("2026-11-03T00:00:00.001Z"), refusedToPayAt: new Date("2026-11-04T00:00:00Z"), stopCallingAt: new Date("2026-11-05T00:00:00Z"), state: null } });
    await db.campaign.updateMany({ data: { pausedAt: new Date("2026-11-06T00:00:00Z"), cancelledAt: new Date("2026-11-07T00:00:00Z"), completedAt: new Date("2026-11-08T00:00:00Z") } });
    const [enrollment] = await db.enrollment.findMany({ take: 1, orderBy: { id: "asc" } });
    await db.enrollment.update({ where: { id: enrollment!.id }, data: { closedReason: "exhausted" } });
    const [call] = await db.callAttempt.findMany({ take: 1, orderBy: { id: "asc" } });
    await db.callAttempt.update({ where: { id: call!.id }, data: { direction: "INBOUND", counted: false } });
    const [promise] = await db.promiseToPay.findMany({ take: 1, orderBy: { id: "asc" } });
    await db.promiseToPay.update({ where: { id: promise!.id }, data: { dueDate: new Date("2026-12-31T00:00:00Z") } });
  });

  test("each declared field set gives Prisma's names, values and JS types, with every field set somewhere", async () => {
    // Also on sessions whose TimeZone is not UTC (offsets "-08" and "+05:30"): Prisma's adapter
    // then reads instants its own way, and readRows must agree.
    const elsewhere = ["America/Los_Angeles", "Asia/Kolkata"].map((zone) => {
      const url = new URL(suite.url);
      url.searchParams.set("options", `-c TimeZone=${zone}`);
      return { zone, db: createDb(url.toString(), { max: 1 }) };
    });
    try {
      for (const db of [suite.db, ...elsewhere.map((e) => e.db)]) {
        for (const [fields, delegate] of DECLARED) {
          const viaPrisma = await delegate(db).findMany({ select: fields.select, orderBy: { id: "asc" } });
          const viaSql = await readRows<Record<string, unknown>>(db, Prisma.sql`SELECT ${fields.columns} FROM ${Prisma.raw(`"${fields.table}"`)} ORDER BY "id"`);
          assert.ok(viaPrisma.length > 0, `${fields.table}: the seed wrote no rows`);
          assert.deepStrictEqual(viaSql, viaPrisma, fields.table);
          for (const key of fields.keys as readonly string[]) {
            assert.ok(viaPrisma.some((row) => row[key] !== null && !(Array.isArray(row[key]) && row[key].length === 0)), `${fields.table}.${key} is never set: the comparison proves nothing for it`);
          }
        }
      }
      for (const { zone, db } of elsewhere) {
        const [session] = await readRows<{ zone: string }>(db, Prisma.sql`SELECT current_setting('TimeZone') AS zone`);
        assert.equal(session?.zone, zone);
      }
    } finally {
      for (const { db } of elsewhere) await db.$disconnect();
    }
  });

  test("pages and single reads with related rows (debtor phones, the accounts of a call) present what Prisma's include does", async () => {
    const db = suite.db;
    const actor = { type: "SYSTEM" as const, id: null };
    const debtors = await listDebtorsEndpoint.run({ db, actor, params: {}, query: { limit: 200 }, body: undefined });
    const debtorRows = await db.debtor.findMany({ take: 200, orderBy: { id: "asc" }, include: { phones: { orderBy: { id: "asc" } } } });
    assert.deepStrictEqual(debtors.data, debtorRows.map(present.presentDebtor));
    assert.ok(debtors.data.some((d) => d.phones.length > 0));
    for (const row of debtorRows.slice(0, 20)) {
      assert.deepStrictEqual(await getDebtorEndpoint.run({ db, actor, params: { id: row.id }, query: {}, body: undefined }), present.presentDebtor(row));
      const account = await db.account.findFirstOrThrow({ where: { debtorId: row.id } });
      assert.deepStrictEqual(await getAccountEndpoint.run({ db, actor, params: { id: account.id }, query: {}, body: undefined }), present.presentAccount(account));
    }
    const calls = await listCallsEndpoint.run({ db, actor, params: {}, query: { limit: 200 }, body: undefined });
    const callRows = await db.callAttempt.findMany({ take: 200, orderBy: { id: "asc" }, include: { debts: { orderBy: { accountId: "asc" } } } });
    assert.deepStrictEqual(calls.data, callRows.map((c) => present.presentCall({ ...c, accountIds: c.debts.map((d) => d.accountId) })));
    assert.ok(calls.data.every((c) => c.accountIds.length > 0));
  });
});
