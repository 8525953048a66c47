import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ENDPOINTS } from "@/lib/api/endpoints";
import { accountItem, resolveRoute, startApiHarness, type ApiHarness } from "./testing/harness";
import { checkSchema } from "./testing/json-schema-check";

type Doc = { paths: Record<string, Record<string, { operationId: string; responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }> }>> };

describe("contract: every /api/v1 response matches the OpenAPI document", () => {
  let h: ApiHarness;
  let doc: Doc;
  const covered = new Set<string>();

  /** Calls the API and checks the reply against the document's schema for that operation and status. */
  async function call(method: string, path: string, options: Parameters<ApiHarness["call"]>[2] = {}) {
    const response = await h.call(method, path, options);
    const body = (await response.json()) as Record<string, unknown>;
    const { endpoint } = await resolveRoute(method, new URL(path, "http://x").pathname);
    assert.ok(endpoint, `${method} ${path} is a documented endpoint`);
    const operation = doc.paths[endpoint.path]![method.toLowerCase()]!;
    const documented = operation.responses[String(response.status)];
    assert.ok(documented, `${operation.operationId} documents status ${response.status}: ${JSON.stringify(body)}`);
    const type = response.headers.get("content-type")!;
    const schema = documented.content?.[type]?.schema;
    assert.ok(schema, `${operation.operationId} ${response.status} documents ${type}`);
    assert.deepEqual(checkSchema(body, schema, doc as unknown as Record<string, unknown>), [], `${operation.operationId} ${response.status}`);
    assert.ok(response.headers.get("x-request-id"));
    if (response.status < 300) covered.add(operation.operationId);
    return { status: response.status, body };
  }

  before(async () => {
    h = await startApiHarness();
    const res = await h.call("GET", "/api/v1/openapi.json", { key: null });
    assert.equal(res.status, 200);
    doc = (await res.json()) as Doc;
  });
  after(() => h.close());

  test("the document is OpenAPI 3.1 and lists every endpoint once", () => {
    assert.equal((doc as unknown as { openapi: string }).openapi, "3.1.0");
    for (const e of ENDPOINTS) assert.equal(doc.paths[e.path]?.[e.method.toLowerCase()]?.operationId, e.operationId);
    assert.equal(new Set(ENDPOINTS.map((e) => e.operationId)).size, ENDPOINTS.length);
  });

  test("accounts, debtors, campaigns, consumer requests, payments, activity and admin", async () => {
    const upsert = await call("POST", "/api/v1/accounts/bulk", { body: { items: [accountItem(1), accountItem(2), accountItem(3), { externalId: "bad" }] } });
    assert.deepEqual([upsert.body.created, upsert.body.rejected], [3, 1]);
    const accounts = await call("GET", "/api/v1/accounts?limit=2");
    const [first] = accounts.body.data as { id: string; debtorId: string }[];
    await call("GET", `/api/v1/accounts/${first!.id}`);
    await call("GET", "/api/v1/accounts/nope");
    await call("GET", "/api/v1/debtors?externalId=DEB-1");
    await call("GET", `/api/v1/debtors/${first!.debtorId}`);

    const strategy = { maxAttempts: 5, cadence: { hoursBetweenAttempts: 24, retryDelayHours: { BUSY: 2 } }, callingWindow: { start: "09:00", end: "20:00" }, agentScriptId: "default-v1" };
    const campaign = await call("POST", "/api/v1/campaigns", { body: { name: "November", strategy } });
    assert.equal(campaign.status, 201);
    const id = campaign.body.id as string;
    await call("POST", "/api/v1/campaigns", { body: { name: "bad", strategy: { ...strategy, maxAttempts: 0 } } });
    for (const verb of ["launch", "pause", "resume", "cancel"]) assert.equal((await call("POST", `/api/v1/campaigns/${id}/${verb}`)).status, 200, verb);
    assert.equal((await call("POST", `/api/v1/campaigns/${id}/resume`)).status, 409);
    await call("GET", "/api/v1/campaigns?status=CANCELLED");

    const enrollment = await h.db.enrollment.create({ data: { campaignId: id, accountId: first!.id, journeyStatus: "WAITING_RETRY", attemptsMade: 1 } });
    const attempt = await h.db.callAttempt.create({
      data: { enrollmentId: enrollment.id, debtorId: first!.debtorId, phoneNumber: "+12125551001", idempotencyKey: "a1", placedAt: new Date(), outcome: "PROMISE_TO_PAY", conversation: true, debts: { create: { accountId: first!.id } } },
    });
    await h.db.transcript.create({ data: { attemptId: attempt.id, segments: [{ speaker: "agent", text: "Hello", startMs: 0, endMs: 900 }] } });
    await h.db.callSummary.create({ data: { attemptId: attempt.id, source: "OFFLINE_RULES", summary: "Promised $50", outcome: "PROMISE_TO_PAY", rightPartyContact: true, promiseAmountCents: 5000, promiseDate: new Date("2026-12-01"), confidence: 0.8 } });
    await h.db.complianceDecision.create({ data: { debtorId: first!.debtorId, accountIds: [first!.id], decision: "DENY", reasons: [{ code: "QUIET_PERIOD", rule: "1006.14(b)(2)(i)(B)" }], evaluatedAt: new Date(), snapshot: {} } });
    const progress = await call("GET", `/api/v1/campaigns/${id}`);
    assert.equal((progress.body.progress as { attempts: number }).attempts, 1);
    await call("GET", `/api/v1/enrollments?campaignId=${id}`);
    await call("GET", `/api/v1/calls?accountId=${first!.id}`);
    const detail = await call("GET", `/api/v1/calls/${attempt.id}`);
    assert.equal((detail.body.summary as { summary: string }).summary, "Promised $50");
    await call("GET", "/api/v1/compliance-decisions?decision=DENY");

    const promise = await call("POST", "/api/v1/promises", { body: { accountId: first!.id, amountCents: 5000, dueDate: "2026-12-01", attemptId: attempt.id } });
    assert.equal(promise.status, 201);
    await call("GET", `/api/v1/promises?accountId=${first!.id}`);
    const paid = await call("POST", "/api/v1/payments", { key: h.keys.payments, body: { provider: "stripe", providerPaymentId: "pi_1", accountId: first!.id, amountCents: 5000, receivedAt: new Date().toISOString() } });
    assert.deepEqual(paid.body.promisesKept, [promise.body.id]);
    await call("GET", "/api/v1/payments?status=APPLIED");
    const [, second, third] = (await call("GET", "/api/v1/accounts")).body.data as { id: string; debtorId: string }[];
    assert.equal((await call("POST", "/api/v1/disputes", { body: { accountId: second!.id, channel: "WRITTEN", reason: "not mine" } })).status, 201);
    await call("GET", "/api/v1/disputes");
    await call("POST", "/api/v1/cease-requests", { body: { kind: "STOP_CALLING", debtorId: third!.debtorId } });

    const key = await call("POST", "/api/v1/api-keys", { body: { name: "crm", scopes: ["read"] } });
    await call("GET", "/api/v1/api-keys");
    await call("POST", `/api/v1/api-keys/${key.body.id}/revoke`);
    await call("POST", "/api/v1/webhook-endpoints", { body: { url: "http://127.0.0.1:9/hook" } });
    const deliveries = await call("GET", "/api/v1/webhook-deliveries");
    assert.equal((deliveries.body.data as unknown[]).length, 0, "no event happened after the endpoint was registered");
    const endpointRow = await h.db.webhookEndpoint.findFirstOrThrow();
    const failed = await h.db.webhookDelivery.create({ data: { endpointId: endpointRow.id, eventType: "payment.applied", idempotencyKey: "k1", payload: {}, status: "FAILED", attempts: 8 } });
    const replayed = await call("POST", `/api/v1/webhook-deliveries/${failed.id}/replay`);
    assert.deepEqual([replayed.body.status, replayed.body.attempts], ["PENDING", 0]);
    assert.equal((await call("POST", `/api/v1/webhook-deliveries/${failed.id}/replay`)).status, 409);
    await call("GET", "/api/v1/accounts", { key: null });
    await call("GET", "/api/v1/accounts?limit=0");

    assert.deepEqual(ENDPOINTS.map((e) => e.operationId).filter((op) => !covered.has(op)), [], "every operation answered successfully at least once");
  });
});
