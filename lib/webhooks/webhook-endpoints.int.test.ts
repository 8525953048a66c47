import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { createDb, type Db } from "../db";
import { transaction } from "../db";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import type { Actor } from "../audit/actor";
import { createApiKey } from "../api/create-api-key";
import { listApiKeys } from "../api/list-api-keys";
import { revokeApiKey } from "../api/revoke-api-key";
import { createWebhookEndpoint } from "./create-webhook-endpoint";
import { disableWebhookEndpoint } from "./disable-webhook-endpoint";
import { enqueueWebhookDeliveries } from "./enqueue-webhook-deliveries";
import { deliverWebhook } from "./deliver-webhook";
import { replayWebhookDelivery } from "./replay-webhook-delivery";
import { sendWebhookNow } from "./send-webhook-now";
import { listWebhookEndpoints } from "./list-webhook-endpoints";
import { listWebhookDeliveries } from "./list-webhook-deliveries";
import { WEBHOOK_EVENT } from "./event-types";

describe("settings: webhook endpoints, their delivery log, and API keys", () => {
  let database: TestDatabase;
  let db: Db;
  let admin: Actor;
  let receiver: Server;
  let url: string;
  /** What the receiver answers next: a CRM that is broken (410) until it is fixed (200). */
  let answer = 410;
  before(async () => {
    database = await createTestDatabase({ migrate: true });
    db = createDb(database.url);
    admin = { type: "OPERATOR", id: (await db.operator.create({ data: { email: "a@w.test", name: "Ada", role: "ADMIN", passwordHash: "x" } })).id };
    receiver = createServer((_req, res) => res.writeHead(answer).end());
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  });
  after(async () => {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await db.$disconnect();
    await database.drop();
  });

  test("an endpoint is created with its secret once, listed without it, audited; bad input changes nothing", async () => {
    await assert.rejects(createWebhookEndpoint(db, { url: "ftp://x.test", events: [] }, admin), { name: "ZodError" });
    await assert.rejects(createWebhookEndpoint(db, { url, events: ["not.an.event"] }, admin), { name: "ZodError" });
    assert.equal(await db.webhookEndpoint.count(), 0);
    const created = await createWebhookEndpoint(db, { url, events: [WEBHOOK_EVENT.disputeOpened, WEBHOOK_EVENT.disputeOpened] }, admin);
    assert.match(created.secret, /^whsec_[\w-]{32}$/);
    assert.deepEqual(created.events, [WEBHOOK_EVENT.disputeOpened]);
    const listed = await listWebhookEndpoints(db);
    assert.equal(listed.length, 1);
    assert.ok(!JSON.stringify(listed).includes(created.secret));
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "webhook_endpoint.create" } });
    assert.ok(!JSON.stringify(audit.data).includes(created.secret));
  });

  test("a failed delivery shows in the log with its status code, replays, and delivers once the receiver is fixed", async () => {
    const [endpoint] = await listWebhookEndpoints(db);
    const [id] = await transaction(db, "t", (tx) => enqueueWebhookDeliveries(tx, WEBHOOK_EVENT.disputeOpened, "dispute-1", { disputeId: "d1" }));
    assert.ok(id);
    // Not subscribed: nothing queued.
    assert.deepEqual(await transaction(db, "t", (tx) => enqueueWebhookDeliveries(tx, WEBHOOK_EVENT.paymentApplied, "p-1", {})), []);

    const failed = await sendWebhookNow(db, id, admin);
    assert.deepEqual([failed.status, failed.statusCode, failed.attempts], ["FAILED", 410, 1]);
    const [logged] = await listWebhookDeliveries(db, { status: "FAILED" });
    assert.equal(logged!.id, id);
    assert.equal(logged!.endpointUrl, url);
    assert.equal(logged!.lastStatusCode, 410);
    assert.equal((await listWebhookDeliveries(db, { status: "DELIVERED" })).length, 0);
    await assert.rejects(listWebhookDeliveries(db, { status: "LOST" }), { name: "ZodError" });

    answer = 200;
    const replayed = await replayWebhookDelivery(db, id, admin);
    assert.equal(replayed.status, "PENDING");
    await assert.rejects(replayWebhookDelivery(db, id, admin), { code: "CONFLICT" });
    const delivered = await deliverWebhook(db, id);
    assert.deepEqual([delivered.status, delivered.statusCode], ["DELIVERED", 200]);
    await assert.rejects(sendWebhookNow(db, id, admin), { code: "CONFLICT" });
    await assert.rejects(sendWebhookNow(db, "missing", admin), { code: "NOT_FOUND" });
    const sends = await db.auditLog.findMany({ where: { action: "webhook_delivery.send" } });
    assert.deepEqual(sends.map((a) => (a.data as { statusCode: number }).statusCode), [410]);
    assert.deepEqual((await listWebhookEndpoints(db)).find((e) => e.id === endpoint!.id)!.deliveries, { pending: 0, delivered: 1, failed: 0 });
  });

  test("a disabled endpoint gets no new deliveries; disabling twice writes one audit row", async () => {
    const [endpoint] = await listWebhookEndpoints(db);
    await disableWebhookEndpoint(db, endpoint!.id, admin);
    await disableWebhookEndpoint(db, endpoint!.id, admin);
    assert.equal(await db.auditLog.count({ where: { action: "webhook_endpoint.disable" } }), 1);
    assert.deepEqual(await transaction(db, "t", (tx) => enqueueWebhookDeliveries(tx, WEBHOOK_EVENT.disputeOpened, "dispute-2", {})), []);
    await assert.rejects(disableWebhookEndpoint(db, "missing", admin), { code: "NOT_FOUND" });
  });

  test("API keys list active ones first with prefix, scopes and creator, never the hash", async () => {
    const first = await createApiKey(db, { name: "old", scopes: ["read"] }, admin);
    const second = await createApiKey(db, { name: "crm", scopes: ["read", "write"] }, admin);
    await revokeApiKey(db, first.id, admin);
    const keys = await listApiKeys(db);
    assert.deepEqual(keys.map((k) => [k.name, k.revokedAt === null]), [["crm", true], ["old", false]]);
    assert.equal(keys[0]!.prefix, second.prefix);
    assert.equal(keys[0]!.createdBy, "Ada");
    assert.ok(!("hash" in keys[0]!));
    assert.ok(!JSON.stringify(keys).includes(second.key));
  });
});
