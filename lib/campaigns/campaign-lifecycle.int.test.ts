import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Db } from "../db";
import { useMigratedDb } from "../testing/migrated-db";
import { SYSTEM_ACTOR } from "../audit/actor";
import { EVENT, SCOPE } from "../contracts/names";
import { upsertAccounts } from "../debtors/upsert-accounts";
import { recordPayment } from "../payments/record-payment";
import { createCampaign } from "./create-campaign";
import { launchCampaign } from "./launch-campaign";
import { pauseCampaign } from "./pause-campaign";
import { resumeCampaign } from "./resume-campaign";
import { cancelCampaign } from "./cancel-campaign";
import { campaignProgress } from "./campaign-progress";

const strategy = { maxAttempts: 3, cadence: { hoursBetweenAttempts: 24 }, callingWindow: {}, agentScriptId: "s" };

describe("campaign lifecycle", () => {
  const suite = useMigratedDb();
  let db: Db;
  before(async () => {
    db = await suite.ready();
  });

  test("each transition writes its outbox event (scope campaign:<id>) and an audit row; wrong ones write nothing", async () => {
    const campaign = await createCampaign(db, { name: "Q4", strategy }, SYSTEM_ACTOR);
    assert.equal(campaign.status, "DRAFT");
    await assert.rejects(resumeCampaign(db, campaign.id, SYSTEM_ACTOR), { code: "CONFLICT" });
    await launchCampaign(db, campaign.id, SYSTEM_ACTOR);
    await assert.rejects(launchCampaign(db, campaign.id, SYSTEM_ACTOR), { code: "CONFLICT" });
    await pauseCampaign(db, campaign.id, SYSTEM_ACTOR);
    await resumeCampaign(db, campaign.id, SYSTEM_ACTOR);
    const cancelled = await cancelCampaign(db, campaign.id, SYSTEM_ACTOR);
    assert.ok(cancelled.cancelledAt && cancelled.launchedAt);
    await assert.rejects(resumeCampaign(db, campaign.id, SYSTEM_ACTOR), { code: "CONFLICT" });
    await assert.rejects(pauseCampaign(db, "cmissing", SYSTEM_ACTOR), { code: "NOT_FOUND" });
    const events = await db.outboxEvent.findMany({ where: { aggregateId: campaign.id }, orderBy: { id: "asc" } });
    assert.deepEqual(events.map((e) => e.eventKey), [EVENT.campaignLaunched, EVENT.campaignPaused, EVENT.campaignResumed, EVENT.campaignCancelled]);
    assert.ok(events.every((e) => e.scope === SCOPE.campaign(campaign.id)));
    assert.equal(await db.auditLog.count({ where: { entityId: campaign.id } }), 5, "create + 4 transitions");
  });

  test("concurrent launches: exactly one wins", async () => {
    const campaign = await createCampaign(db, { name: "race", strategy }, SYSTEM_ACTOR);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => launchCampaign(db, campaign.id, SYSTEM_ACTOR)));
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
    assert.equal(await db.outboxEvent.count({ where: { aggregateId: campaign.id, eventKey: EVENT.campaignLaunched } }), 1);
  });

  test("progress counts enrollments by status, attempts, conversations, promises and payments", async () => {
    const up = await upsertAccounts(db, { items: [1, 2].map((n) => ({ externalId: `P${n}`, debtor: { externalId: `PD${n}`, firstName: "A", lastName: "B" }, creditor: "C", balanceCents: 5000, originalBalanceCents: 5000 })) }, SYSTEM_ACTOR);
    const [a1, a2] = up.items.map((i) => ({ id: i.accountId!, debtorId: i.debtorId! }));
    const campaign = await createCampaign(db, { name: "funnel", strategy }, SYSTEM_ACTOR);
    const e1 = await db.enrollment.create({ data: { campaignId: campaign.id, accountId: a1!.id, journeyStatus: "WAITING_PAYMENT" } });
    await db.enrollment.create({ data: { campaignId: campaign.id, accountId: a2!.id, journeyStatus: "WAITING_RETRY" } });
    await db.callAttempt.create({ data: { enrollmentId: e1.id, debtorId: a1!.debtorId, phoneNumber: "+12125550100", idempotencyKey: "p1", placedAt: new Date(), outcome: "RIGHT_PARTY_CONTACT", conversation: true } });
    await db.callAttempt.create({ data: { enrollmentId: e1.id, debtorId: a1!.debtorId, phoneNumber: "+12125550100", idempotencyKey: "p2", placedAt: new Date(), outcome: "BUSY", counted: false } });
    await db.promiseToPay.create({ data: { accountId: a1!.id, amountCents: 1000, dueDate: new Date("2026-12-01") } });
    await recordPayment(db, { provider: "x", providerPaymentId: "funnel-1", accountId: a1!.id, amountCents: 1000, receivedAt: new Date(Date.now() + 1000).toISOString() }, SYSTEM_ACTOR);
    assert.deepEqual(await campaignProgress(db, campaign.id), {
      enrollments: 2, byJourneyStatus: { WAITING_PAYMENT: 1, WAITING_RETRY: 1 }, attempts: 2, connected: 1, conversations: 1, promises: 1, payments: 1, collectedCents: 1000,
    });
  });
});
