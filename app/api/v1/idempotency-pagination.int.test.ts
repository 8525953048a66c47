import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { accountItem, startApiHarness, type ApiHarness } from "./testing/harness";

describe("Idempotency-Key and cursor pagination", () => {
  let h: ApiHarness;
  before(async () => {
    h = await startApiHarness();
  });
  after(() => h.close());

  const strategy = { maxAttempts: 3, cadence: { hoursBetweenAttempts: 24 }, callingWindow: {}, agentScriptId: "s1" };

  test("same key + same body → the first response again, one row; different body → 422", async () => {
    const headers = { "idempotency-key": "create-nov-1" };
    const first = await h.call("POST", "/api/v1/campaigns", { body: { name: "Nov", strategy }, headers });
    const again = await h.call("POST", "/api/v1/campaigns", { body: { name: "Nov", strategy }, headers });
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    assert.equal(again.headers.get("idempotent-replayed"), "true");
    assert.deepEqual(await again.json(), await first.json());
    assert.equal(await h.db.campaign.count({ where: { name: "Nov" } }), 1);
    const other = await h.call("POST", "/api/v1/campaigns", { body: { name: "Dec", strategy }, headers });
    assert.equal(other.status, 422);
    assert.equal(((await other.json()) as { code: string }).code, "IDEMPOTENCY_MISMATCH");
    assert.equal(await h.db.campaign.count(), 1);
  });

  test("keys belong to one API key; a domain refusal is replayed too; concurrent twins run once", async () => {
    const headers = { "idempotency-key": "shared-key" };
    const mine = await h.call("POST", "/api/v1/campaigns", { body: { name: "A", strategy }, headers });
    const theirs = await h.call("POST", "/api/v1/campaigns", { key: h.keys.write, body: { name: "B", strategy }, headers });
    assert.equal(mine.status, 201);
    assert.equal(theirs.status, 201, "another API key's identical Idempotency-Key does not collide");

    const missing = { "idempotency-key": "launch-missing" };
    const refused = await h.call("POST", "/api/v1/campaigns/cmissing/launch", { headers: missing });
    const replay = await h.call("POST", "/api/v1/campaigns/cmissing/launch", { headers: missing });
    assert.equal(refused.status, 404);
    assert.equal(replay.status, 404);
    assert.equal(replay.headers.get("idempotent-replayed"), "true");

    const twin = { "idempotency-key": "twins" };
    const results = await Promise.all([1, 2, 3].map(() => h.call("POST", "/api/v1/campaigns", { body: { name: "Twin", strategy }, headers: twin })));
    assert.ok(results.every((r) => [201, 409].includes(r.status)), results.map((r) => r.status).join());
    assert.equal(await h.db.campaign.count({ where: { name: "Twin" } }), 1);
  });

  test("an invalid Idempotency-Key is a 400 and writes nothing", async () => {
    const res = await h.call("POST", "/api/v1/campaigns", { body: { name: "X", strategy }, headers: { "idempotency-key": "x".repeat(300) } });
    assert.equal(res.status, 400);
    assert.equal(await h.db.campaign.count({ where: { name: "X" } }), 0);
  });

  test("pages walk every row once, in order, with filters; a forged cursor is 422", async () => {
    const items = Array.from({ length: 57 }, (_, i) => accountItem(100 + i));
    assert.equal((await h.call("POST", "/api/v1/accounts/bulk", { body: { items } })).status, 200);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await h.call("GET", `/api/v1/accounts?limit=10${cursor ? `&cursor=${cursor}` : ""}`);
      const page = (await res.json()) as { data: { id: string }[]; nextCursor: string | null };
      seen.push(...page.data.map((a) => a.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    assert.equal(pages, 6);
    assert.equal(seen.length, 57);
    assert.equal(new Set(seen).size, 57);
    assert.deepEqual(seen, [...seen].sort());
    const filtered = (await (await h.call("GET", "/api/v1/accounts?externalId=ACC-120")).json()) as { data: { externalId: string }[] };
    assert.deepEqual(filtered.data.map((a) => a.externalId), ["ACC-120"]);
    const future = (await (await h.call("GET", `/api/v1/accounts?createdFrom=${encodeURIComponent("2999-01-01T00:00:00Z")}`)).json()) as { data: unknown[] };
    assert.equal(future.data.length, 0);
    assert.equal((await h.call("GET", "/api/v1/accounts?cursor=Zm9yZ2Vk")).status, 422);
  });
});
