/**
 * `npm run bench:api`: latency and throughput of /api/v1 list, get and bulk-upsert endpoints. The
 * real route handlers run behind a plain node:http adapter (no Next server), on a throw-away
 * embedded PostgreSQL seeded with 20,000 accounts; the load generator runs in the same process
 * over keep-alive connections. Open-loop runs send at a fixed rate and time each request from
 * its scheduled send, so a stall is not hidden (no coordinated omission). Prints a table.
 */
import { createServer, request, Agent, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { createTestDatabase } from "../lib/testing/database";
import { createDb } from "../lib/db";
import { createApiKey } from "../lib/api/create-api-key";
import { upsertAccounts } from "../lib/debtors/upsert-accounts";
import { resolveRoute, accountItem } from "../app/api/v1/testing/harness";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
process.env.LOG_LEVEL = "fatal";
const database = await createTestDatabase({ migrate: true });
process.env.DATABASE_URL = database.url;
const db = createDb(database.url);
const actor = { type: "SYSTEM" as const, id: null };
for (let batch = 0; batch < 20; batch++) {
  await upsertAccounts(db, { items: Array.from({ length: 1000 }, (_, i) => accountItem(batch * 1000 + i)) }, actor);
}
const { key } = await createApiKey(db, { name: "bench", scopes: ["admin"], rateLimitPerMinute: 1_000_000 }, actor);
const someIds = (await db.account.findMany({ take: 1000, select: { id: true } })).map((a) => a.id);

const server = createServer((req, res) => void handle(req).then(async (response) => {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}).catch((error: unknown) => {
  res.writeHead(500).end(String(error));
}));
async function handle(req: IncomingMessage): Promise<Response> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const { handler, params } = await resolveRoute(req.method ?? "GET", url.pathname);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
  return handler(new Request(url, { method: req.method ?? "GET", headers, ...(body ? { body } : {}) }), { params: Promise.resolve(params) });
}
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const port = (server.address() as AddressInfo).port;
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function send(method: string, path: string, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path, agent, headers: { authorization: `Bearer ${key}`, ...(body ? { "content-type": "application/json", "content-length": Buffer.byteLength(body) } : {}) } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}

interface Row { name: string; mode: string; requests: number; errors: number; rps: number; p50: number; p99: number; max: number }
const rows: Row[] = [];
function summarize(name: string, mode: string, latencies: number[], errors: number, elapsedMs: number): void {
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  rows.push({ name, mode, requests: latencies.length, errors, rps: (latencies.length / elapsedMs) * 1000, p50: q(0.5), p99: q(0.99), max: latencies.at(-1) ?? NaN });
}

/** Closed loop: `concurrency` clients, each sending its next request when the last one answers. */
async function closedLoop(name: string, concurrency: number, next: (i: number) => [string, string, string?], seconds = SECONDS): Promise<void> {
  const latencies: number[] = [];
  let errors = 0;
  let i = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < end) {
      const [method, path, body] = next(i++);
      const t = performance.now();
      const status = await send(method, path, body);
      latencies.push(performance.now() - t);
      if (status >= 300) errors++;
    }
  }));
  summarize(name, `closed, ${concurrency} clients`, latencies, errors, performance.now() - start);
}

/** Open loop: `rps` requests a second on a fixed schedule, each timed from its scheduled start. */
async function openLoop(name: string, rps: number, next: (i: number) => [string, string, string?]): Promise<void> {
  const latencies: number[] = [];
  let errors = 0;
  const total = rps * SECONDS;
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const scheduled = start + (i * 1000) / rps;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const [method, path, body] = next(i);
    inflight.push(send(method, path, body).then((status) => {
      latencies.push(performance.now() - scheduled);
      if (status >= 300) errors++;
    }));
  }
  await Promise.all(inflight);
  summarize(name, `open, ${rps} rps`, latencies, errors, performance.now() - start);
}

const pick = (i: number) => someIds[i % someIds.length]!;
// JIT, pools and prepared statements warm up before anything is measured.
await closedLoop("warm-up", 16, (i) => ["GET", i % 2 ? "/api/v1/accounts?limit=50" : `/api/v1/accounts/${someIds[i % someIds.length]}`], 8);
rows.length = 0;
await openLoop("GET /accounts?limit=50", 500, () => ["GET", "/api/v1/accounts?limit=50"]);
await openLoop("GET /accounts/{id}", 500, (i) => ["GET", `/api/v1/accounts/${pick(i)}`]);
await closedLoop("GET /accounts?limit=50", 16, () => ["GET", "/api/v1/accounts?limit=50"]);
await closedLoop("GET /accounts?status&limit=200", 16, () => ["GET", "/api/v1/accounts?status=ACTIVE&limit=200"]);
let next = 100_000;
const batch = (size: number) => JSON.stringify({ items: Array.from({ length: size }, () => accountItem(next++)) });
await closedLoop("POST /accounts/bulk, 100 new", 4, () => ["POST", "/api/v1/accounts/bulk", batch(100)]);
await closedLoop("POST /accounts/bulk, 100 unchanged", 4, (i) => ["POST", "/api/v1/accounts/bulk", JSON.stringify({ items: Array.from({ length: 100 }, (_, k) => accountItem(((i * 100) + k) % 20_000)) })]);
await closedLoop("POST /accounts/bulk, 1000 new", 1, () => ["POST", "/api/v1/accounts/bulk", batch(1000)]);

const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "-");
console.log(`\n${"endpoint".padEnd(36)}${"load".padEnd(20)}${"requests".padStart(9)}${"errors".padStart(8)}${"req/s".padStart(9)}${"p50 ms".padStart(9)}${"p99 ms".padStart(9)}${"max ms".padStart(9)}`);
for (const r of rows) console.log(`${r.name.padEnd(36)}${r.mode.padEnd(20)}${String(r.requests).padStart(9)}${String(r.errors).padStart(8)}${fmt(r.rps).padStart(9)}${fmt(r.p50).padStart(9)}${fmt(r.p99).padStart(9)}${fmt(r.max).padStart(9)}`);
console.log(`\nitems upserted per second (100-item batches): ${fmt(rows.find((r) => r.name === "POST /accounts/bulk, 100 new")!.rps * 100, 0)}`);

agent.destroy();
await new Promise((resolve) => server.close(resolve));
await db.$disconnect();
const { db: processDb } = await import("../lib/db");
await processDb().$disconnect();
await database.drop();
process.exit(0);
