import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { z } from "zod";
import { ENDPOINTS } from "@/lib/api/endpoints";
import type { Endpoint } from "@/lib/api/endpoint";
import { signPayload } from "@/lib/webhooks/sign-webhook";
import { EMBEDDED_PAYMENT_WEBHOOK_SECRET } from "@/lib/payments/payment-webhook-secret";
import { accountItem, countRows, startApiHarness, type ApiHarness } from "./testing/harness";

const INJECTIONS = ["' OR 1=1 --", "\"; DROP TABLE accounts; --", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "../../etc/passwd", "\u0000\u0001", "{{7*7}}", "%00%0d%0a", "𝕏𝕐ℤ", "a".repeat(5000), "__proto__", "NaN"];

/** Deterministic PRNG (mulberry32), so a failing request can be reproduced from the seed. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("fuzz: invalid requests never fail with 5xx and never write", () => {
  let h: ApiHarness;
  const valid: Record<string, unknown> = {};
  let realIds: { account: string; debtor: string; campaign: string };

  before(async () => {
    h = await startApiHarness();
    const up = await h.call("POST", "/api/v1/accounts/bulk", { body: { items: [accountItem(1)] } });
    const item = ((await up.json()) as { items: { accountId: string; debtorId: string }[] }).items[0]!;
    const strategy = { maxAttempts: 3, cadence: { hoursBetweenAttempts: 24 }, callingWindow: {}, agentScriptId: "s1" };
    const campaign = (await (await h.call("POST", "/api/v1/campaigns", { body: { name: "c", strategy } })).json()) as { id: string };
    realIds = { account: item.accountId, debtor: item.debtorId, campaign: campaign.id };
    Object.assign(valid, {
      upsertAccounts: { items: [accountItem(2)] },
      createCampaign: { name: "fuzz", strategy },
      recordPayment: { provider: "stripe", providerPaymentId: "pi_fuzz", accountExternalId: "ACC-1", amountCents: 100, receivedAt: "2026-11-01T00:00:00Z" },
      openDispute: { accountId: realIds.account, channel: "ORAL" },
      requestCease: { kind: "CEASE_COMMUNICATION", debtorId: realIds.debtor },
      recordPromise: { accountId: realIds.account, amountCents: 100, dueDate: "2026-12-01" },
      createApiKey: { name: "k", scopes: ["read"] },
      createWebhookEndpoint: { url: "http://127.0.0.1:9/x" },
    });
  });
  after(() => h.close());

  test("≥ 10,000 generated invalid requests", async () => {
    const random = prng(20261125);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const before = await countRows(h.db);
    const fingerprint = async () => (await h.db.$queryRaw<{ f: string }[]>`SELECT md5(coalesce((SELECT string_agg(a.id || a.status || a.balance_cents, ',' ORDER BY a.id) FROM accounts a), '') || coalesce((SELECT string_agg(c.id || c.status, ',' ORDER BY c.id) FROM campaigns c), '') || coalesce((SELECT string_agg(d.id || coalesce(d.cease_communication_at::text, '') || coalesce(d.stop_calling_at::text, ''), ',' ORDER BY d.id) FROM debtors d), '') || coalesce((SELECT string_agg(k.id || coalesce(k.revoked_at::text, ''), ',' ORDER BY k.id) FROM api_keys k), '')) AS f`)[0]!.f;
    const stateBefore = await fingerprint();
    const statuses = new Map<number, number>();
    const kinds = new Map<string, number>();
    const serverErrors: string[] = [];
    const total = 10_200;
    for (let i = 0; i < total; i++) {
      const useWebhook = i % 12 === 11;
      const { kind, send } = useWebhook ? webhookCase(pick, random) : endpointCase(pick(ENDPOINTS), pick, random);
      const category = kind.split(": ")[1]!;
      kinds.set(category, (kinds.get(category) ?? 0) + 1);
      const res = await send(h);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) serverErrors.push(`#${i} ${kind}: ${(await res.text()).slice(0, 200)}`);
      else await res.body?.cancel();
    }
    const after = await countRows(h.db);
    console.log(`fuzz: ${total} requests; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    console.log(`fuzz: ${ENDPOINTS.length} endpoints + the payment webhook; cases ${JSON.stringify(Object.fromEntries([...kinds].sort()))}`);
    const written = Object.entries(after).filter(([table, n]) => n !== before[table]);
    console.log(`fuzz: 5xx responses ${serverErrors.length}; tables with new rows ${written.length}`);
    assert.deepEqual(serverErrors, []);
    assert.deepEqual(written, [], "no rows written");
    assert.equal(await fingerprint(), stateBefore, "no state changed");
  });

  type Send = (h: ApiHarness) => Promise<Response>;
  type Pick = <T>(items: readonly T[]) => T;

  function endpointCase(endpoint: Endpoint, pick: Pick, random: () => number): { kind: string; send: Send } {
    const realPath = endpoint.path.replace("{id}", endpoint.path.startsWith("/api/v1/campaigns") ? realIds.campaign : "cnotarealid000000000000");
    const body = valid[endpoint.operationId];
    const wrongScope = (["read", "write", "payments"] as const).filter((s) => s !== endpoint.scope);
    const choices: [string, Send][] = [
      ["no key", (h) => h.call(endpoint.method, realPath, { key: null, ...(body ? { body } : {}) })],
      ["malformed key", (h) => h.call(endpoint.method, realPath, { key: headerSafe(pick(INJECTIONS)).replace(/\s/g, "") || "x", ...(body ? { body } : {}) })],
      ["unknown key", (h) => h.call(endpoint.method, realPath, { key: `rk_${"Z".repeat(8)}_${Math.floor(random() * 1e9).toString().padStart(32, "0")}`, ...(body ? { body } : {}) })],
      ["wrong scope", (h) => h.call(endpoint.method, realPath, { key: h.keys[pick(wrongScope)], ...(body ? { body } : {}) })],
    ];
    if (endpoint.params) choices.push(["bad path id", (h) => h.call(endpoint.method, endpoint.path.replace("{id}", encodeURIComponent(pick(INJECTIONS).slice(0, 200) + " x")), body ? { body } : {})]);
    if (endpoint.method === "GET" && endpoint.query) {
      choices.push(
        ["bad limit", (h) => h.call("GET", `${realPath}?limit=${encodeURIComponent(pick(["-1", "0", "201", "abc", "1e9", "2.5", pick(INJECTIONS)]))}`)],
        ["bad cursor", (h) => h.call("GET", `${realPath}?cursor=${encodeURIComponent(pick(INJECTIONS))}`)],
        ["unknown query", (h) => h.call("GET", `${realPath}?${encodeURIComponent(pick(["sql", "where", "$ne"]))}=${encodeURIComponent(pick(INJECTIONS))}`)],
      );
    }
    if (endpoint.method === "POST" && endpoint.body && body) {
      const json = z.toJSONSchema(endpoint.body, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, { type?: string }>; required?: string[] };
      const required = json.required ?? [];
      const typed = Object.entries(json.properties ?? {}).filter(([, s]) => typeof s.type === "string");
      choices.push(
        ["not json", (h) => h.call("POST", realPath, { rawBody: pick(["{", "{\"a\":", "nul", "\u0000", "[1,2", pick(INJECTIONS)]) })],
        ["empty body", (h) => h.call("POST", realPath, { rawBody: "" })],
        ["wrong content type", (h) => h.call("POST", realPath, { rawBody: JSON.stringify(body), headers: { "content-type": pick(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]) } })],
        ["not an object", (h) => h.call("POST", realPath, { body: pick([[], null, "str", 42, true, [body]]) })],
        ["unknown field", (h) => h.call("POST", realPath, { body: { ...(body as object), [pick(["isAdmin", "id", "status", "__proto__x", "balance"])]: pick(INJECTIONS) } })],
        ["huge body", (h) => h.call("POST", realPath, { rawBody: JSON.stringify({ ...(body as object), pad: "x".repeat((endpoint.maxBodyBytes ?? 1 << 20) + 1) }) })],
      );
      if (required.length > 0) choices.push(["missing field", (h) => h.call("POST", realPath, { body: omit(body as Record<string, unknown>, pick(required)) })]);
      if (typed.length > 0) {
        choices.push(["wrong type", (h) => {
          const [field, schema] = pick(typed);
          return h.call("POST", realPath, { body: { ...(body as object), [field]: wrongValue(schema.type!, pick) } });
        }]);
      }
    }
    if (endpoint.method === "POST" && !endpoint.body && endpoint.params) choices.push(["missing target", (h) => h.call("POST", endpoint.path.replace("{id}", "cmissing" + Math.floor(random() * 1e6)))]);
    const [kind, send] = pick(choices);
    return { kind: `${endpoint.operationId}: ${kind}`, send };
  }

  function webhookCase(pick: Pick, random: () => number): { kind: string; send: Send } {
    const event = JSON.stringify({ id: "evt_1", type: "payment.succeeded", data: valid.recordPayment });
    const now = Math.floor(Date.now() / 1000);
    const cases: [string, string, string | null][] = [
      ["no signature", event, null],
      ["wrong secret", event, signPayload("not-the-secret-at-all", event, now)],
      ["expired", event, signPayload(EMBEDDED_PAYMENT_WEBHOOK_SECRET, event, now - 301 - Math.floor(random() * 1e5))],
      ["future", event, signPayload(EMBEDDED_PAYMENT_WEBHOOK_SECRET, event, now + 301 + Math.floor(random() * 1e5))],
      ["body changed", event.replace("100", "99999"), signPayload(EMBEDDED_PAYMENT_WEBHOOK_SECRET, event, now)],
      ["garbage header", event, headerSafe(pick(INJECTIONS)) || "x"],
      ["signed bad json", "{not json", signPayload(EMBEDDED_PAYMENT_WEBHOOK_SECRET, "{not json", now)],
      ["signed bad shape", JSON.stringify({ id: "e", type: "payment.succeeded", data: { amountCents: "lots" } }), null],
    ];
    const [kind, body, header] = pick(cases);
    const signature = kind === "signed bad shape" ? signPayload(EMBEDDED_PAYMENT_WEBHOOK_SECRET, body, now) : header;
    return { kind: `paymentWebhook: ${kind}`, send: (h) => h.call("POST", "/api/webhooks/payments", { key: null, rawBody: body, headers: signature ? { "payment-signature": signature } : {} }) };
  }
});

function omit(body: Record<string, unknown>, field: string): Record<string, unknown> {
  const copy = { ...body };
  delete copy[field];
  return copy;
}

function wrongValue(type: string, pick: <T>(items: readonly T[]) => T): unknown {
  switch (type) {
    case "string": return pick([42, true, null, [], {}]);
    case "number":
    case "integer": return pick(["42", null, true, [], {}, ...["' OR 1=1 --", "1e999"]]);
    case "boolean": return pick(["yes", 1, null]);
    case "array": return pick(["[]", {}, 1, null]);
    default: return pick([1, "x", []]);
  }
}

/** HTTP header values are Latin-1: a real client cannot send the rest, so neither does the fuzzer. */
function headerSafe(value: string): string {
  return value.replace(/[^\x20-\x7e]/g, "");
}
