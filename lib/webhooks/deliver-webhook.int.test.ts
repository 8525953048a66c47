import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { createDb, transaction, type Db } from "../db";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { enqueueWebhookDeliveries } from "./enqueue-webhook-deliveries";
import { deliverWebhook, MAX_DELIVERY_ATTEMPTS } from "./deliver-webhook";
import { verifySignature } from "./sign-webhook";
import { WEBHOOK_EVENT } from "./event-types";

describe("outbound CRM webhooks", () => {
  let database: TestDatabase;
  let db: Db;
  let server: Server;
  let url: string;
  const replies: number[] = [];
  const received: { body: string; signature: string | undefined; event: string | undefined }[] = [];

  before(async () => {
    database = await createTestDatabase({ migrate: true });
    db = createDb(database.url);
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        received.push({ body, signature: req.headers["recourse-signature"] as string | undefined, event: req.headers["recourse-event"] as string | undefined });
        res.statusCode = replies.shift() ?? 200;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await db.$disconnect();
    await database.drop();
  });

  test("a receiver that fails twice then succeeds: 3 attempts logged, backoff between, signed body", async () => {
    const endpoint = await db.webhookEndpoint.create({ data: { url, secret: "whsec_test_secret", events: [WEBHOOK_EVENT.paymentApplied] } });
    await db.webhookEndpoint.create({ data: { url, secret: "other", events: [WEBHOOK_EVENT.disputeOpened] } });
    const ids = await transaction(db, "enqueue", (tx) => enqueueWebhookDeliveries(tx, WEBHOOK_EVENT.paymentApplied, "pay_1", { amountCents: 500 }));
    assert.equal(ids.length, 1, "only the endpoint subscribed to payment.applied");
    const again = await transaction(db, "enqueue", (tx) => enqueueWebhookDeliveries(tx, WEBHOOK_EVENT.paymentApplied, "pay_1", { amountCents: 500 }));
    assert.deepEqual(again, [], "the same fact is queued once");

    replies.push(500, 503);
    let clock = new Date("2026-11-25T10:00:00Z");
    const outcomes = [];
    for (;;) {
      const outcome = await deliverWebhook(db, ids[0]!, { now: () => clock });
      outcomes.push(outcome);
      if (outcome.status !== "PENDING") break;
      assert.ok(outcome.nextAttemptAt! > clock, "the next attempt waits");
      clock = outcome.nextAttemptAt!;
    }
    assert.deepEqual(outcomes.map((o) => [o.status, o.statusCode]), [["PENDING", 500], ["PENDING", 503], ["DELIVERED", 200]]);
    const row = await db.webhookDelivery.findUniqueOrThrow({ where: { id: ids[0]! } });
    assert.equal(row.attempts, 3);
    assert.equal(row.status, "DELIVERED");
    assert.equal(row.lastStatusCode, 200);
    assert.equal(received.length, 3);
    const last = received.at(-1)!;
    assert.equal(last.event, "payment.applied");
    assert.deepEqual(verifySignature(endpoint.secret, last.body, last.signature ?? null, Math.floor(clock.getTime() / 1000)), { ok: true });
    assert.deepEqual(JSON.parse(last.body), { type: "payment.applied", id: "payment.applied:pay_1", data: { amountCents: 500 } });
    assert.equal((await deliverWebhook(db, ids[0]!)).attempts, 3, "a delivered webhook is not sent again");
  });

  test("a 4xx refusal fails at once; an unreachable endpoint gives up after the maximum attempts", async () => {
    await db.webhookEndpoint.updateMany({ data: { active: false } });
    await db.webhookEndpoint.create({ data: { url, secret: "s", events: [] } });
    const [refusedId] = await transaction(db, "enqueue", (tx) => enqueueWebhookDeliveries(tx, WEBHOOK_EVENT.disputeOpened, "d1", {}));
    replies.push(410);
    assert.deepEqual((await deliverWebhook(db, refusedId!)).status, "FAILED");

    await db.webhookEndpoint.updateMany({ data: { active: false } });
    await db.webhookEndpoint.create({ data: { url: "http://127.0.0.1:9/closed", secret: "s", events: [] } });
    const [unreachable] = await transaction(db, "enqueue", (tx) => enqueueWebhookDeliveries(tx, WEBHOOK_EVENT.promiseMade, "p1", {}));
    let outcome;
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS; i++) outcome = await deliverWebhook(db, unreachable!);
    assert.equal(outcome!.status, "FAILED");
    const row = await db.webhookDelivery.findUniqueOrThrow({ where: { id: unreachable! } });
    assert.equal(row.attempts, MAX_DELIVERY_ATTEMPTS);
    assert.ok(row.lastError);
  });
});
