import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ENDPOINTS } from "@/lib/api/endpoints";
import { API_SCOPES } from "@/lib/contracts/api";
import { startApiHarness, type ApiHarness } from "./testing/harness";

/** Every route × (no key, each scope): 401 without a key, 403 without the scope, through otherwise. */
describe("authorization matrix", () => {
  let h: ApiHarness;
  before(async () => {
    h = await startApiHarness();
  });
  after(() => h.close());

  test("every endpoint × no key / read / write / payments / admin", async () => {
    const table: string[] = [];
    for (const endpoint of ENDPOINTS) {
      const path = endpoint.path.replace(/\{\w+\}/g, "cnotarealid0000000000000");
      const body = endpoint.body ? {} : undefined;
      const row: string[] = [];
      for (const who of ["none", ...API_SCOPES] as const) {
        const key = who === "none" ? null : h.keys[who];
        const res = await h.call(endpoint.method, path, { key, ...(body ? { body } : {}) });
        const allowed = who !== "none" && (who === endpoint.scope || who === "admin");
        if (who === "none") assert.equal(res.status, 401, `${endpoint.operationId} without a key`);
        else if (!allowed) assert.equal(res.status, 403, `${endpoint.operationId} with ${who}`);
        else assert.ok(![401, 403].includes(res.status) && res.status < 500, `${endpoint.operationId} with ${who}: ${res.status}`);
        row.push(String(res.status));
      }
      table.push(`${endpoint.operationId.padEnd(28)} ${endpoint.scope.padEnd(9)} ${row.join(" ")}`);
    }
    console.log(`operation                    scope     none read write payments admin\n${table.join("\n")}`);
  });

  test("revoked, unknown and malformed keys are refused", async () => {
    const created = await h.call("POST", "/api/v1/api-keys", { body: { name: "short-lived", scopes: ["read"] } });
    const { id, key } = (await created.json()) as { id: string; key: string };
    assert.equal((await h.call("GET", "/api/v1/accounts", { key })).status, 200);
    assert.equal((await h.call("POST", `/api/v1/api-keys/${id}/revoke`)).status, 200);
    assert.equal((await h.call("GET", "/api/v1/accounts", { key })).status, 401);
    assert.equal((await h.call("GET", "/api/v1/accounts", { key: `rk_AAAAAAAA_${"B".repeat(32)}` })).status, 401);
    assert.equal((await h.call("GET", "/api/v1/accounts", { key: "' OR 1=1 --" })).status, 401);
    const stored = await h.db.apiKey.findUniqueOrThrow({ where: { id } });
    assert.notEqual(stored.hash, key, "only the hash is stored");
    assert.ok(key.startsWith(stored.prefix) && stored.lastUsedAt, "prefix identifies the key; last use recorded");
  });

  test("per-key rate limit answers 429 with Retry-After", async () => {
    const created = await h.call("POST", "/api/v1/api-keys", { body: { name: "slow", scopes: ["read"], rateLimitPerMinute: 3 } });
    const { key } = (await created.json()) as { key: string };
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await h.call("GET", "/api/v1/campaigns", { key })).status);
    assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
    const limited = await h.call("GET", "/api/v1/campaigns", { key });
    assert.ok(Number(limited.headers.get("retry-after")) >= 1);
    assert.equal(((await limited.json()) as { code: string }).code, "RATE_LIMITED");
  });
});
