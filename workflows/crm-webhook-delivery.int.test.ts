/**
 * Outbound CRM webhooks through the product's path: a state change (a payment recorded) queues a
 * delivery and its EVENT.webhookQueued in one transaction, the outbox relay publishes the event,
 * and crm-webhook-delivery sends it on the embedded engine, retried with Hatchet's backoff on
 * the engine's virtual clock, every attempt in the delivery's attempt log.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { startTimeHarness, type TimeHarness } from "../engine/testing/time-harness";
import { SYSTEM_ACTOR } from "../lib/audit/actor";
import { EVENT } from "../lib/contracts/names";
import { createDb, type Db } from "../lib/db";
import { hatchetPublisher } from "../lib/outbox/hatchet-publisher";
import { runOutboxRelay } from "../lib/outbox/run-relay";
import { recordPayment } from "../lib/payments/record-payment";
import { createTestDatabase, type TestDatabase } from "../lib/testing/database";
import { createDialableDebtor } from "../lib/testing/factories";
import { nextLocalTime } from "../lib/testing/next-local-time";
import { startSimulatedWorld, type SimulatedWorld } from "../lib/testing/simulated-world";
import { verifySignature } from "../lib/webhooks/sign-webhook";
import { WEBHOOK_EVENT } from "../lib/webhooks/event-types";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("crm-webhook-delivery on the embedded engine", { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let db: Db;
  let harness: TimeHarness;
  let world: SimulatedWorld;
  let receiver: Server;
  let url: string;
  const relay = new AbortController();
  /** Status codes the receiver answers with, per path, in order; 200 once a list is used up. */
  const replies = new Map<string, number[]>();
  const received: { path: string; body: string; signature: string | undefined; delivery: string | undefined }[] = [];

  before(async () => {
    database = await createTestDatabase({ migrate: true });
    db = createDb(database.url);
    harness = await startTimeHarness({ databaseUrl: database.url, start: nextLocalTime(2, "15:00", "America/New_York") });
    world = await startSimulatedWorld({ db, now: () => harness.clock.now() });
    (await import("./deps")).setWorkflowDeps(world.deps);
    const { allWorkflows } = await import("./index");
    await harness.startWorker(allWorkflows, { name: "webhook-test", slots: 20 });
    void runOutboxRelay(db, hatchetPublisher(harness.hatchet), { signal: relay.signal, idleMs: 50 });
    receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        const path = req.url ?? "/";
        received.push({ path, body, signature: req.headers["recourse-signature"] as string | undefined, delivery: req.headers["recourse-delivery"] as string | undefined });
        res.statusCode = replies.get(path)?.shift() ?? 200;
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });

  after(async () => {
    relay.abort();
    await harness?.stop();
    await world?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
    await db?.$disconnect();
    await database?.drop();
  });

  /** A payment on a fresh account, recorded as the API would: queues payment.applied to subscribed endpoints. */
  async function pay(path: string) {
    await db.webhookEndpoint.updateMany({ data: { active: false } });
    const endpoint = await db.webhookEndpoint.create({ data: { url: `${url}${path}`, secret: `whsec_${path.slice(1)}`, events: [WEBHOOK_EVENT.paymentApplied] } });
    const { account } = await createDialableDebtor(db);
    await recordPayment(db, { provider: "test", providerPaymentId: `pay${path.replace("/", "_")}`, accountId: account.id, amountCents: 10_000, receivedAt: harness.clock.now().toISOString() }, SYSTEM_ACTOR);
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    return { endpoint, delivery };
  }

  /** Waits for the delivery to settle; moves the engine's clock past each backoff the task is waiting out. */
  async function settle(deliveryId: string) {
    for (let i = 0; i < 600; i++) {
      const row = await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
      if (row.status !== "PENDING") return row;
      // The longest backoff of the first retries is 16 s of engine time; a minute clears either.
      if (row.attempts > 0) await harness.advance("1m");
      await sleep(100);
    }
    throw new Error(`delivery ${deliveryId} never settled`);
  }

  const attemptLog = (deliveryId: string) => db.webhookDeliveryAttempt.findMany({ where: { deliveryId }, orderBy: { number: "asc" } });

  test("a receiver that fails twice then succeeds: 3 attempts in the log, one signed body, retried through Hatchet", async () => {
    replies.set("/flaky", [500, 503]);
    const { endpoint, delivery } = await pay("/flaky");
    const outbox = await db.outboxEvent.findMany({ where: { eventKey: EVENT.webhookQueued, aggregateId: delivery.id } });
    assert.equal(outbox.length, 1, "queued with its outbox event, in the payment's transaction");
    const row = await settle(delivery.id);
    assert.equal(row.status, "DELIVERED");
    assert.equal(row.attempts, 3);
    const log = await attemptLog(delivery.id);
    assert.deepEqual(log.map((a) => [a.number, a.statusCode]), [[1, 500], [2, 503], [3, 200]]);
    assert.ok(log.every((a) => a.durationMs >= 0));
    assert.equal(log[0]!.error, null, "an HTTP answer is not a transport error");
    const sent = received.filter((r) => r.path === "/flaky");
    assert.equal(sent.length, 3);
    assert.ok(sent.every((r) => r.delivery === delivery.id && r.body === sent[0]!.body), "the same body each time");
    const body = JSON.parse(sent[2]!.body) as { type: string; data: { amountCents: number } };
    assert.equal(body.type, "payment.applied");
    assert.equal(body.data.amountCents, 10_000);
    const t = Number(/t=(\d+)/.exec(sent[2]!.signature ?? "")?.[1]);
    assert.deepEqual(verifySignature(endpoint.secret, sent[2]!.body, sent[2]!.signature ?? null, t), { ok: true });

    // The retries were Hatchet's: one run, whose one task was retried twice by the engine.
    const runsOf = () => db.$queryRaw<{ status: string; app_retry_count: number }[]>`SELECT r.status, t.app_retry_count FROM hatchet.runs r JOIN hatchet.tasks t ON t.run_id = r.id
      WHERE r.workflow_name LIKE '%crm-webhook-delivery' AND r.input->>'deliveryId' = ${delivery.id}`;
    // The delivery is recorded inside the task, a moment before the engine hears it completed.
    let runs = await runsOf();
    for (let i = 0; i < 100 && runs[0]?.status === "RUNNING"; i++) runs = (await sleep(100), await runsOf());
    assert.deepEqual(runs, [{ status: "COMPLETED", app_retry_count: 2 }]);

    // The same event again (an outbox relay redelivering it): nothing is sent twice.
    await harness.hatchet.events.push(EVENT.webhookQueued, { deliveryId: delivery.id });
    await sleep(1_500);
    assert.equal(received.filter((r) => r.path === "/flaky").length, 3);
    assert.equal((await attemptLog(delivery.id)).length, 3);
  });

  test("a refusal (410) is not retried; a 429 and a 408 are", async () => {
    replies.set("/gone", [410]);
    const gone = await pay("/gone");
    const refused = await settle(gone.delivery.id);
    assert.equal(refused.status, "FAILED");
    assert.deepEqual((await attemptLog(gone.delivery.id)).map((a) => a.statusCode), [410]);

    replies.set("/busy", [429, 408]);
    const busy = await pay("/busy");
    const delivered = await settle(busy.delivery.id);
    assert.equal(delivered.status, "DELIVERED");
    assert.deepEqual((await attemptLog(busy.delivery.id)).map((a) => a.statusCode), [429, 408, 200]);
  });
});
