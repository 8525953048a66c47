import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createDb, type Db } from "../db";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import type { Actor } from "../audit/actor";
import { createCampaign } from "../campaigns/create-campaign";
import { LEGAL_CALLING_HOURS, readCallingHours } from "./read-calling-hours";
import { updateCallingHours } from "./update-calling-hours";

const strategy = { maxAttempts: 3, cadence: { hoursBetweenAttempts: 24 }, agentScriptId: "s" };

describe("calling-hours default", () => {
  let database: TestDatabase;
  let db: Db;
  let admin: Actor;
  before(async () => {
    database = await createTestDatabase({ migrate: true });
    db = createDb(database.url);
    const row = await db.operator.create({ data: { email: "a@s.test", name: "A", role: "ADMIN", passwordHash: "x" } });
    admin = { type: "OPERATOR", id: row.id };
  });
  after(async () => {
    await db.$disconnect();
    await database.drop();
  });

  test("until set, the legal window applies, and a campaign without a window stores it", async () => {
    assert.deepEqual((await readCallingHours(db)).window, { start: "08:00", end: "21:00", daysOfWeek: [1, 2, 3, 4, 5, 6] });
    const campaign = await createCampaign(db, { name: "before", strategy }, admin);
    assert.deepEqual((campaign.strategy as { callingWindow: unknown }).callingWindow, LEGAL_CALLING_HOURS);
  });

  test("bad windows are refused and change nothing", async () => {
    for (const bad of [{ start: "20:00", end: "09:00" }, { start: "7:00" }, { daysOfWeek: [] }, { daysOfWeek: [1, 1] }, { start: "09:00", extra: true }, { start: "07:00", end: "12:00" }, { start: "09:00", end: "21:30" }]) {
      await assert.rejects(updateCallingHours(db, bad, admin), { name: "ZodError" }, JSON.stringify(bad));
    }
    assert.equal(await db.setting.count(), 0);
    assert.equal(await db.auditLog.count({ where: { action: "settings.calling_hours.update" } }), 0);
  });

  test("a stored default is used by campaigns created without a window, not by ones that give one, nor earlier ones", async () => {
    const window = { start: "09:30", end: "19:00", daysOfWeek: [1, 2, 3, 4, 5] };
    assert.deepEqual(await updateCallingHours(db, window, admin), window);
    const stored = await readCallingHours(db);
    assert.deepEqual(stored.window, window);
    assert.equal(stored.updatedById, admin.id);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "settings.calling_hours.update" } });
    assert.deepEqual(audit.data, { from: LEGAL_CALLING_HOURS, to: window });

    const defaulted = await createCampaign(db, { name: "after", strategy }, admin);
    assert.deepEqual((defaulted.strategy as { callingWindow: unknown }).callingWindow, window);
    const explicit = await createCampaign(db, { name: "own", strategy: { ...strategy, callingWindow: { start: "10:00", end: "12:00" } } }, admin);
    assert.deepEqual((explicit.strategy as { callingWindow: unknown }).callingWindow, { start: "10:00", end: "12:00", daysOfWeek: [1, 2, 3, 4, 5, 6] });
    const earlier = await db.campaign.findFirstOrThrow({ where: { name: "before" } });
    assert.deepEqual((earlier.strategy as { callingWindow: unknown }).callingWindow, LEGAL_CALLING_HOURS);
  });

  test("a stored value edited into something invalid is not used: the legal window applies and it is flagged", async () => {
    await db.setting.update({ where: { key: "calling_hours" }, data: { value: { start: "25:00" } } });
    const read = await readCallingHours(db);
    assert.equal(read.invalidStoredValue, true);
    assert.deepEqual(read.window, LEGAL_CALLING_HOURS);
  });
});
