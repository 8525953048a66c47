import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Db } from "../db";
import { useMigratedDb } from "../testing/migrated-db";
import { createDialableDebtor } from "../testing/factories";
import { SYSTEM_ACTOR } from "../audit/actor";
import { EVENT } from "../contracts/names";
import { escalateJourneys } from "./escalate-journeys";

describe("escalateJourneys", () => {
  const suite = useMigratedDb();
  let db: Db;
  before(async () => {
    db = await suite.ready();
  });

  test("ends the live journeys ESCALATED with the reason, leaves finished ones, and refuses when none is live", async () => {
    const { account } = await createDialableDebtor(db);
    const [a, b] = await Promise.all(["A", "B"].map((name) => db.campaign.create({ data: { name, status: "RUNNING", strategy: {}, segment: {} } })));
    const live = await db.enrollment.create({ data: { campaignId: a!.id, accountId: account.id, journeyStatus: "WAITING_RETRY", nextActionAt: new Date() } });
    const done = await db.enrollment.create({ data: { campaignId: b!.id, accountId: account.id, journeyStatus: "EXHAUSTED" } });
    const ended = await escalateJourneys(db, { accountId: account.id, reason: "asked for a supervisor" }, SYSTEM_ACTOR);
    assert.deepEqual(ended, [live.id]);
    const after = await db.enrollment.findUniqueOrThrow({ where: { id: live.id } });
    assert.equal(after.journeyStatus, "ESCALATED");
    assert.ok(after.escalatedAt);
    assert.equal(after.nextActionAt, null);
    assert.match(after.closedReason ?? "", /asked for a supervisor/);
    assert.equal((await db.enrollment.findUniqueOrThrow({ where: { id: done.id } })).journeyStatus, "EXHAUSTED");
    assert.equal(await db.outboxEvent.count({ where: { eventKey: EVENT.journeyEnded, aggregateId: live.id } }), 1);
    assert.equal(await db.auditLog.count({ where: { action: "journey.escalate", entityId: account.id } }), 1);
    await assert.rejects(escalateJourneys(db, { accountId: account.id, reason: "again" }, SYSTEM_ACTOR), { code: "CONFLICT" });
    await assert.rejects(escalateJourneys(db, { accountId: "nobody", reason: "nobody here" }, SYSTEM_ACTOR), { code: "NOT_FOUND" });
    await assert.rejects(escalateJourneys(db, { accountId: account.id, reason: "" }, SYSTEM_ACTOR), { name: "ZodError" });
  });
});
