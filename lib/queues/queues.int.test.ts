import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createDb, type Db } from "../db";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { createAccount, createDebtor } from "../testing/factories";
import { SYSTEM_ACTOR } from "../audit/actor";
import { openDispute } from "../consumer-requests/open-dispute";
import { listQueue } from "./list-queue";
import { assignQueueItem } from "./assign-queue-item";
import { resolveEscalation } from "./resolve-escalation";
import { resolveDispute } from "./resolve-dispute";
import type { QueueOperator } from "./queue-operator";

describe("human work queues: escalations and disputes", () => {
  let database: TestDatabase;
  let db: Db;
  let agent: QueueOperator, otherAgent: QueueOperator, supervisor: QueueOperator, viewer: QueueOperator;
  let escalationId: string, disputeId: string, disputedAccountId: string;

  before(async () => {
    database = await createTestDatabase({ migrate: true });
    db = createDb(database.url);
    const operator = async (email: string, role: "AGENT" | "SUPERVISOR" | "VIEWER") => {
      const row = await db.operator.create({ data: { email, name: email.split("@")[0]!, role, passwordHash: "x" } });
      return { id: row.id, role: role.toLowerCase() as QueueOperator["role"] };
    };
    agent = await operator("ana@q.test", "AGENT");
    otherAgent = await operator("bo@q.test", "AGENT");
    supervisor = await operator("sue@q.test", "SUPERVISOR");
    viewer = await operator("vic@q.test", "VIEWER");

    const debtor = await createDebtor(db, { lastName: "Queueson" });
    const escalatedAccount = await createAccount(db, debtor.id);
    const campaign = await db.campaign.create({ data: { name: "q", strategy: {}, segment: {} } });
    const enrollment = await db.enrollment.create({
      data: { campaignId: campaign.id, accountId: escalatedAccount.id, journeyStatus: "ESCALATED", closedReason: "bankruptcy on file", escalatedAt: new Date("2026-11-01T10:00:00Z") },
    });
    escalationId = enrollment.id;
    // A journey still running is not in the queue.
    await db.enrollment.create({ data: { campaignId: campaign.id, accountId: (await createAccount(db, debtor.id)).id, journeyStatus: "WAITING_RETRY" } });

    const disputed = await createAccount(db, (await createDebtor(db, { lastName: "Disputer" })).id);
    disputedAccountId = disputed.id;
    disputeId = (await openDispute(db, { accountId: disputed.id, channel: "WRITTEN", reason: "not mine", receivedAt: "2026-11-02T09:00:00Z" }, SYSTEM_ACTOR)).dispute.id;
  });
  after(async () => {
    await db.$disconnect();
    await database.drop();
  });

  test("lists open escalations and disputes, oldest first, and filters by kind, assignee and search", async () => {
    const all = await listQueue(db, {}, agent.id);
    assert.deepEqual(all.map((i) => [i.kind, i.id]), [["escalation", escalationId], ["dispute", disputeId]]);
    assert.match(all[0]!.reason, /escalated: bankruptcy on file/);
    assert.match(all[1]!.reason, /written dispute: not mine/);
    assert.deepEqual((await listQueue(db, { kind: "dispute" }, agent.id)).map((i) => i.id), [disputeId]);
    assert.deepEqual((await listQueue(db, { search: "disp" }, agent.id)).map((i) => i.id), [disputeId]);
    assert.equal((await listQueue(db, { assignee: "me" }, agent.id)).length, 0);
    assert.equal((await listQueue(db, { assignee: "unassigned" }, agent.id)).length, 2);
    await assert.rejects(listQueue(db, { kind: "callback" }, agent.id), { name: "ZodError" });
  });

  test("an agent takes an item; others' items and assigning to others need a supervisor; viewers cannot work", async () => {
    await assert.rejects(assignQueueItem(db, { kind: "escalation", id: escalationId, assigneeId: viewer.id }, viewer), { code: "FORBIDDEN" });
    await assert.rejects(assignQueueItem(db, { kind: "escalation", id: escalationId, assigneeId: otherAgent.id }, agent), { code: "FORBIDDEN" });
    assert.deepEqual(await assignQueueItem(db, { kind: "escalation", id: escalationId, assigneeId: agent.id }, agent), { assigneeId: agent.id });
    assert.deepEqual((await listQueue(db, { assignee: "me" }, agent.id)).map((i) => i.id), [escalationId]);
    // The other agent can neither take it nor resolve it.
    await assert.rejects(assignQueueItem(db, { kind: "escalation", id: escalationId, assigneeId: otherAgent.id }, otherAgent), { code: "FORBIDDEN" });
    await assert.rejects(resolveEscalation(db, { id: escalationId, note: "called them" }, otherAgent), { code: "FORBIDDEN" });
    // A supervisor reassigns; assigning to a viewer or a missing operator is refused with nothing changed.
    await assert.rejects(assignQueueItem(db, { kind: "escalation", id: escalationId, assigneeId: viewer.id }, supervisor), { code: "VALIDATION_FAILED" });
    await assert.rejects(assignQueueItem(db, { kind: "escalation", id: escalationId, assigneeId: "nobody" }, supervisor), { code: "VALIDATION_FAILED" });
    await assignQueueItem(db, { kind: "escalation", id: escalationId, assigneeId: otherAgent.id }, supervisor);
    const row = await db.enrollment.findUniqueOrThrow({ where: { id: escalationId } });
    assert.equal(row.escalationAssigneeId, otherAgent.id);
    assert.ok(row.escalationAssignedAt);
    const audits = await db.auditLog.findMany({ where: { action: "escalation.assign" }, orderBy: { id: "asc" } });
    assert.deepEqual(audits.map((a) => [a.actorId, (a.data as { to: string }).to]), [[agent.id, agent.id], [supervisor.id, otherAgent.id]]);
    await assert.rejects(assignQueueItem(db, { kind: "dispute", id: "missing", assigneeId: null }, supervisor), { code: "NOT_FOUND" });
  });

  test("resolving an escalation needs a note, takes it off the queue once, and is audited", async () => {
    await assert.rejects(resolveEscalation(db, { id: escalationId, note: " " }, otherAgent), { name: "ZodError" });
    const done = await resolveEscalation(db, { id: escalationId, note: "Referred to the bankruptcy desk." }, otherAgent);
    assert.equal(done.id, escalationId);
    const row = await db.enrollment.findUniqueOrThrow({ where: { id: escalationId } });
    assert.equal(row.escalationNote, "Referred to the bankruptcy desk.");
    assert.equal(row.escalationResolvedById, otherAgent.id);
    assert.equal(row.journeyStatus, "ESCALATED");
    assert.deepEqual((await listQueue(db, { kind: "escalation" }, agent.id)).length, 0);
    await assert.rejects(resolveEscalation(db, { id: escalationId, note: "again" }, supervisor), { code: "CONFLICT" });
    await assert.rejects(assignQueueItem(db, { kind: "escalation", id: escalationId, assigneeId: agent.id }, agent), { code: "CONFLICT" });
    assert.equal(await db.auditLog.count({ where: { action: "escalation.resolve", actorId: otherAgent.id } }), 1);
  });

  test("a dispute resolved with verification sent lifts the pause; an upheld one closes the debt", async () => {
    await assert.rejects(resolveDispute(db, { id: disputeId, outcome: "WITHDRAWN", note: "x y z" }, agent), { name: "ZodError" });
    await assert.rejects(resolveDispute(db, { id: disputeId, outcome: "UPHELD", note: "looked" }, viewer), { code: "FORBIDDEN" });
    const before = await db.account.findUniqueOrThrow({ where: { id: disputedAccountId } });
    assert.equal(before.status, "DISPUTED");
    const resolved = await resolveDispute(db, { id: disputeId, outcome: "VERIFICATION_SENT", note: "Sent the statement by mail." }, agent);
    assert.equal(resolved.status, "VERIFIED");
    assert.equal(resolved.assigneeId, agent.id);
    assert.ok(resolved.verificationSentAt);
    const account = await db.account.findUniqueOrThrow({ where: { id: disputedAccountId } });
    assert.equal(account.status, "ACTIVE");
    assert.equal(account.disputePendingAt, null);
    await assert.rejects(resolveDispute(db, { id: disputeId, outcome: "UPHELD", note: "twice" }, supervisor), { code: "CONFLICT" });

    const second = (await openDispute(db, { accountId: disputedAccountId, channel: "ORAL" }, SYSTEM_ACTOR)).dispute;
    await resolveDispute(db, { id: second.id, outcome: "UPHELD", note: "Creditor agreed it was paid." }, supervisor);
    const closed = await db.account.findUniqueOrThrow({ where: { id: disputedAccountId } });
    assert.equal(closed.status, "CLOSED");
    assert.ok(closed.disputePendingAt, "an upheld dispute keeps the debt paused");
    assert.equal(await db.auditLog.count({ where: { action: "dispute.resolve", entityId: disputedAccountId } }), 2);
    assert.equal((await listQueue(db, { kind: "dispute" }, agent.id)).length, 0);
  });
});
