/**
 * `npm run bench:api`: latency, throughput and CPU cost of /api/v1 list, get and bulk-upsert
 * endpoints. Three kinds of process, none sharing an event loop: the server under test
 * (bench/api/server.ts: the real route handlers behind node:http), this process as the load
 * generator (bench/api/load.ts), and a throw-away embedded PostgreSQL seeded by bench/api/seed.ts.
 * Prints a table; `BENCH_SECONDS` sets each run's length, `BENCH_ONLY=<regex>` picks runs by
 * name, `BENCH_PROFILE_DIR=<folder>` writes a CPU profile of the server.
 */
import { loadavg } from "node:os";
import { createTestDatabase } from "../lib/testing/database";
import { createDb } from "../lib/db";
import { createApiKey } from "../lib/api/create-api-key";
import { encodeCursor } from "../lib/api/pagination";
import { accountItem } from "../app/api/v1/testing/harness";
import { startProcess } from "../engine/conformance/crash/processes";
import { closedLoop, httpClient, openLoop, type Next, type Sample } from "./api/load";
import { clusterCpuMs, mainThreadCpuMs, parentPid, processCpuMs } from "./api/cpu";
import { CAMPAIGN_ID, seedBenchData } from "./api/seed";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;
const database = await createTestDatabase({ migrate: true });
const db = createDb(database.url);
await seedBenchData(db);
const { key } = await createApiKey(db, { name: "bench", scopes: ["admin"], rateLimitPerMinute: 1_000_000 }, { type: "SYSTEM", id: null });
const ids = (await db.account.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((a) => a.id);
const [{ pid: backend }] = await db.$queryRaw<[{ pid: number }]>`SELECT pg_backend_pid() AS pid`;
const postmaster = parentPid(backend);

const server = await startProcess(new URL("./api/server.ts", import.meta.url).pathname, [], { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: "error" }, /^listening \d+$/m);
const port = Number(/^listening (\d+)$/m.exec(server.output)![1]);
const client = httpClient(port, key);

interface Row { name: string; mode: string; requests: number; errors: number; rps: number; p50: number; p99: number; max: number; appCpu: number; loopCpu: number; pgCpu: number; genCpu: number; load: number }
const rows: Row[] = [];
async function measure(name: string, mode: string, run: () => Promise<Sample>): Promise<void> {
  if (ONLY && !ONLY.test(name) && name !== "warm-up") return;
  const before = { app: processCpuMs(server.child.pid!), loop: mainThreadCpuMs(server.child.pid!), pg: clusterCpuMs(postmaster), gen: process.cpuUsage() };
  const { latencies, errors, elapsedMs } = await run();
  const gen = process.cpuUsage(before.gen);
  const cpu = { app: processCpuMs(server.child.pid!) - before.app, loop: mainThreadCpuMs(server.child.pid!) - before.loop, pg: clusterCpuMs(postmaster) - before.pg, gen: (gen.user + gen.system) / 1000 };
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  const n = latencies.length;
  rows.push({ name, mode, requests: n, errors, rps: (n / elapsedMs) * 1000, p50: q(0.5), p99: q(0.99), max: latencies.at(-1) ?? NaN, appCpu: cpu.app / n, loopCpu: cpu.loop / n, pgCpu: cpu.pg / n, genCpu: cpu.gen / n, load: loadavg()[0]! });
}
const open = (name: string, rps: number, next: Next) => measure(name, `open, ${rps} rps`, () => openLoop(client.send, rps, SECONDS, next));
const closed = (name: string, clients: number, next: Next, seconds = SECONDS) => measure(name, `closed, ${clients} clients`, () => closedLoop(client.send, clients, seconds, next));

// Pages from all over the table, as a CRM sync walks them (the cursor of the row before).
const cursor = (i: number) => (i % 10 === 0 ? "" : `&cursor=${encodeCursor(ids[(i * 7919) % (ids.length - 60)]!)}`);
const id = (i: number) => ids[(i * 7919) % ids.length]!;
const page = (path: string): Next => (i) => ["GET", `/api/v1/${path}${path.includes("?") ? "&" : "?"}limit=50${cursor(i)}`];

// Every read answers 200 with the rows it should before anything is timed.
for (const [path, rowsExpected] of [["accounts?limit=50", 50], ["debtors?limit=50", 50], ["enrollments?limit=50", 50], ["calls?limit=50", 50], ["accounts?status=DISPUTED&limit=50", 50], [`enrollments?campaignId=${CAMPAIGN_ID}&journeyStatus=CLOSED&limit=50`, 50], [`calls?accountId=${ids[0]}`, 1]] as const) {
  const { status, text } = await client.fetchText("GET", `/api/v1/${path}`);
  const got = status === 200 ? (JSON.parse(text) as { data: unknown[] }).data.length : -1;
  if (got !== rowsExpected) throw new Error(`GET /api/v1/${path}: status ${status}, ${got} rows, expected ${rowsExpected}: ${text.slice(0, 300)}`);
}

// JIT, pools and prepared statements warm up before anything is measured.
await closed("warm-up", 16, (i) => (i % 2 ? page("accounts")(i) : ["GET", `/api/v1/accounts/${id(i)}`]), 8);
rows.length = 0;
await open("GET /accounts?limit=50", 500, page("accounts"));
await open("GET /debtors?limit=50 (phones)", 500, page("debtors"));
await open("GET /enrollments?limit=50", 500, page("enrollments"));
await open("GET /calls?limit=50 (accountIds)", 500, page("calls"));
await open("GET /accounts?status=DISPUTED&limit=50", 500, page("accounts?status=DISPUTED"));
await open("GET /enrollments?campaignId&journeyStatus", 500, page(`enrollments?campaignId=${CAMPAIGN_ID}&journeyStatus=CLOSED`));
await open("GET /calls?accountId", 500, (i) => ["GET", `/api/v1/calls?accountId=${id(i)}`]);
await open("GET /accounts/{id}", 500, (i) => ["GET", `/api/v1/accounts/${id(i)}`]);
await closed("GET /accounts?limit=50", 16, page("accounts"));
await closed("GET /accounts?status&limit=200", 16, () => ["GET", "/api/v1/accounts?status=ACTIVE&limit=200"]);
let fresh = 100_000;
const batch = (size: number) => JSON.stringify({ items: Array.from({ length: size }, () => accountItem(fresh++)) });
await closed("POST /accounts/bulk, 100 new", 4, () => ["POST", "/api/v1/accounts/bulk", batch(100)]);
await closed("POST /accounts/bulk, 100 unchanged", 4, (i) => ["POST", "/api/v1/accounts/bulk", JSON.stringify({ items: Array.from({ length: 100 }, (_, k) => accountItem((i * 100 + k) % 20_000)) })]);
await closed("POST /accounts/bulk, 1000 new", 1, () => ["POST", "/api/v1/accounts/bulk", batch(1000)]);

const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "-");
console.log(`\n${"endpoint".padEnd(44)}${"load".padEnd(20)}${"requests".padStart(9)}${"errors".padStart(8)}${"req/s".padStart(9)}${"p50 ms".padStart(9)}${"p99 ms".padStart(9)}${"max ms".padStart(9)}${"app CPU".padStart(9)}${"loop".padStart(7)}${"pg CPU".padStart(9)}${"gen CPU".padStart(9)}${"loadavg".padStart(9)}`);
for (const r of rows) console.log(`${r.name.padEnd(44)}${r.mode.padEnd(20)}${String(r.requests).padStart(9)}${String(r.errors).padStart(8)}${fmt(r.rps).padStart(9)}${fmt(r.p50).padStart(9)}${fmt(r.p99).padStart(9)}${fmt(r.max).padStart(9)}${fmt(r.appCpu, 2).padStart(9)}${fmt(r.loopCpu, 2).padStart(7)}${fmt(r.pgCpu, 2).padStart(9)}${fmt(r.genCpu, 2).padStart(9)}${fmt(r.load, 2).padStart(9)}`);
console.log("\nCPU, ms per request: app = the server process (all threads), loop = its main thread (one core's worth at most), pg = PostgreSQL, gen = this load generator; loadavg: 1-minute load average as the run ended");
const bulk = rows.find((r) => r.name === "POST /accounts/bulk, 100 new");
if (bulk) console.log(`items upserted per second (100-item batches): ${fmt(bulk.rps * 100, 0)}`);

client.close();
server.child.kill("SIGTERM");
await new Promise((resolve) => server.child.once("exit", resolve));
await db.$disconnect();
await database.drop();
process.exit(0);
