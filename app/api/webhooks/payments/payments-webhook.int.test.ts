import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { signPayload } from "@/lib/webhooks/sign-webhook";
import { EMBEDDED_PAYMENT_WEBHOOK_SECRET } from "@/lib/payments/payment-webhook-secret";
import { accountItem, startApiHarness, type ApiHarness } from "../../v1/testing/harness";

describe("POST /api/webhooks/payments", () => {
  let h: ApiHarness;
  before(async () => {
    h = await startApiHarness();
    await h.call("POST", "/api/v1/accounts/bulk", { body: { items: [accountItem(1)] } });
  });
  after(() => h.close());

  const event = (id: string, data: Record<string, unknown>) => JSON.stringify({ id, type: "payment.succeeded", data: { provider: "stripe", amountCents: 2500, receivedAt: "2026-11-20T10:00:00Z", ...data } });
  const send = (body: string, signature: string | null) => h.call("POST", "/api/webhooks/payments", { key: null, rawBody: body, headers: signature ? { "payment-signature": signature } : {} });
  const now = () => Math.floor(Date.now() / 1000);

  test("a signed payment is applied once; its redelivery is recorded once and reported as a duplicate", async () => {
    const body = event("evt_1", { providerPaymentId: "pi_1", accountExternalId: "ACC-1" });
    const first = await send(body, signPayload(EMBEDDED_PAYMENT_WEBHOOK_SECRET, body, now()));
    assert.equal(first.status, 200);
    assert.deepEqual({ ...((await first.json()) as object), paymentId: undefined }, { paymentId: undefined, status: "APPLIED", duplicate: false });
    const again = await send(body, signPayload(EMBEDDED_PAYMENT_WEBHOOK_SECRET, body, now()));
    assert.equal(((await again.json()) as { duplicate: boolean }).duplicate, true);
    assert.equal(await h.db.payment.count({ where: { providerPaymentId: "pi_1" } }), 1);
    const account = await h.db.account.findUniqueOrThrow({ where: { externalId: "ACC-1" } });
    assert.equal(account.balanceCents, 125_00 - 2500);
    assert.equal(await h.db.outboxEvent.count({ where: { eventKey: "payment:received", scope: `account:${account.id}` } }), 1);
  });

  test("an unknown account parks the payment for reconciliation", async () => {
    const body = event("evt_2", { providerPaymentId: "pi_2", accountExternalId: "ACC-UNKNOWN" });
    const res = await send(body, signPayload(EMBEDDED_PAYMENT_WEBHOOK_SECRET, body, now()));
    assert.equal(((await res.json()) as { status: string }).status, "PARKED");
    const parked = await h.db.payment.findFirstOrThrow({ where: { providerPaymentId: "pi_2" } });
    assert.equal(parked.accountId, null);
    assert.equal(parked.accountExternalId, "ACC-UNKNOWN");
  });

  test("bad, expired (replayed), future and tampered signatures are refused without writing", async () => {
    const body = event("evt_3", { providerPaymentId: "pi_3", accountExternalId: "ACC-1" });
    const cases = [
      null,
      signPayload("another-secret-entirely", body, now()),
      signPayload(EMBEDDED_PAYMENT_WEBHOOK_SECRET, body, now() - 301),
      signPayload(EMBEDDED_PAYMENT_WEBHOOK_SECRET, body, now() + 301),
      signPayload(EMBEDDED_PAYMENT_WEBHOOK_SECRET, body.replace("2500", "250000"), now()),
      "t=abc,v1=zz",
    ];
    for (const signature of cases) assert.equal((await send(body, signature)).status, 401, String(signature));
    assert.equal(await h.db.payment.count({ where: { providerPaymentId: "pi_3" } }), 0);
    assert.equal((await send(body, signPayload(EMBEDDED_PAYMENT_WEBHOOK_SECRET, body, now() - 299))).status, 200, "inside the 5-minute window");
  });
});
