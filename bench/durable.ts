/**
 * `npm run bench:durable`: durable waits at scale, on a durable embedded PostgreSQL (fsync on)
 * with the engine (its own CLI) and one unmodified SDK worker in their own processes.
 *
 *   event → resumed      p50 / p99 from events.push to the durable task running again, with
 *                        100k other durable event waits outstanding on the same key
 *   sleeping waits       engine RSS and database size with 1,000,000 sleeping waits
 *   wake-up lateness     p50 / p99 / max of real sleeps ending while those million wait
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HatchetClient } from "@hatchet-dev/typescript-sdk/v1";
import pg from "pg";
import { freePort, startEngineProcess, startProcess } from "../engine/conformance/crash/processes";
import { startEmbeddedPostgres } from "../lib/postgres/embedded";
import { createTestDatabase, TEST_CLUSTER_ENV } from "../lib/testing/database";
import { seedWaits } from "./durable/seed";
import { durableBenchWorkflows } from "./durable/workflows";

const EVENT_WAITS = Number(process.env.BENCH_EVENT_WAITS ?? 100_000);
const SLEEP_WAITS = Number(process.env.BENCH_SLEEP_WAITS ?? 1_000_000);
const EVENT_SAMPLES = Number(process.env.BENCH_EVENT_SAMPLES ?? 200);
const SLEEP_SAMPLES = Number(process.env.BENCH_SLEEP_SAMPLES ?? 300);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const rssMb = (pid: number) => Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m)?.[1] ?? 0) / 1024;

const folder = mkdtempSync(join(tmpdir(), "recourse-bench-durable-"));
chmodSync(folder, 0o755);
const cluster = await startEmbeddedPostgres({ dataDir: join(folder, "pg"), port: 0 });
process.env[TEST_CLUSTER_ENV] = cluster.url;
const database = await createTestDatabase();
const engine = await startEngineProcess({
  ...process.env,
  DATABASE_URL: database.url,
  ENGINE_GRPC_PORT: String(await freePort()),
  ENGINE_REST_PORT: String(await freePort()),
  RECOURSE_DATA_DIR: folder,
});
Object.assign(process.env, engine.clientEnv, { HATCHET_CLIENT_LOG_LEVEL: "ERROR" });
const worker = await startProcess(new URL("./durable/worker.ts", import.meta.url).pathname, [], process.env, /^ready$/m);
const hatchet = HatchetClient.init();
const { awaitEvent, sleeper } = durableBenchWorkflows(hatchet);
const db = new pg.Client({ connectionString: database.url });
await db.connect();
const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n;
const rows: [string, string][] = [];

try {
  // 1. Event → resumed with 100k durable event waits outstanding on the same key.
  let t = Date.now();
  await seedWaits(db, { count: EVENT_WAITS, kind: "EVENT", workflowName: "bench-await-event" });
  console.log(`seeded ${EVENT_WAITS} event waits in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  const refs = [];
  for (let i = 0; i < EVENT_SAMPLES; i++) refs.push(await awaitEvent.runNoWait({ scope: `real-${i}` }));
  while ((await count("SELECT count(*)::int AS n FROM hatchet.waits WHERE kind = 'EVENT' AND scope LIKE 'real-%'")) < EVENT_SAMPLES) await sleep(100);
  const resumed: number[] = [];
  for (let i = 0; i < EVENT_SAMPLES; i++) {
    const pushedAt = Date.now();
    await hatchet.events.push("bench:paid", { i }, { scope: `real-${i}` });
    resumed.push((await refs[i]!.output).resumedAt - pushedAt);
  }
  const outstanding = await count("SELECT count(*)::int AS n FROM hatchet.waits WHERE kind = 'EVENT'");
  rows.push([`event → resumed p50 / p99 (${outstanding.toLocaleString("en-US")} waits outstanding)`, `${percentile(resumed, 50)} / ${percentile(resumed, 99)} ms`]);

  // 2. A million sleeping waits: memory and disk.
  t = Date.now();
  await seedWaits(db, { count: SLEEP_WAITS, kind: "SLEEP", workflowName: "bench-sleep" });
  console.log(`seeded ${SLEEP_WAITS} sleeping waits in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  await sleep(3_000); // a few timer rounds over the big table
  const sleeping = await count("SELECT count(*)::int AS n FROM hatchet.waits WHERE kind = 'SLEEP'");
  const size = (await db.query<{ db: string; waits: string }>(
    "SELECT pg_size_pretty(pg_database_size(current_database())) AS db, pg_size_pretty(pg_total_relation_size('hatchet.waits')) AS waits",
  )).rows[0]!;
  rows.push([`engine RSS with ${sleeping.toLocaleString("en-US")} sleeping waits`, `${rssMb(engine.child.pid!).toFixed(0)} MB`]);
  rows.push(["database size / of which hatchet.waits", `${size.db} / ${size.waits}`]);

  // 3. Wake-up lateness of real sleeps (2–6 s) ending while the million wait.
  const sleepers = [];
  for (let i = 0; i < SLEEP_SAMPLES; i++) sleepers.push(await sleeper.runNoWait({ seconds: 2 + (i % 5) }));
  const lateness = (await Promise.all(sleepers.map((ref) => ref.output))).map((o) => o.latenessMs);
  rows.push([`wake-up lateness p50 / p99 / max (${SLEEP_SAMPLES} sleeps)`, `${percentile(lateness, 50)} / ${percentile(lateness, 99)} / ${Math.max(...lateness)} ms`]);
  rows.push(["engine RSS at the end", `${rssMb(engine.child.pid!).toFixed(0)} MB`]);

  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n${"measure".padEnd(width)}  value`);
  for (const [key, value] of rows) console.log(`${key.padEnd(width)}  ${value}`);
} finally {
  await db.end();
  worker.child.kill("SIGTERM");
  engine.child.kill("SIGTERM");
  await sleep(500);
  await database.drop().catch(() => undefined);
  await cluster.stop();
  rmSync(folder, { recursive: true, force: true });
  process.exit(0);
}
