/**
 * `npm run bench:engine`: the embedded engine's throughput and latency on this machine, with a
 * throw-away embedded PostgreSQL. Three processes, as in `npm start`: the engine (its own CLI),
 * one unmodified SDK worker, and this client, which triggers in bulk and awaits results over the
 * same gRPC calls the SDK uses (BulkTriggerWorkflow, SubscribeToWorkflowRuns) without the SDK's
 * per-run bookkeeping, so the numbers are the engine's.
 *
 *   runs/s           trigger → result for N runs: one-task, and a chain a → b → c
 *   trigger → start  p50 / p99 under that load, and for one run at a time (idle)
 *   engine RSS       resident memory after the runs, and its peak
 *   CPU ms per run   engine, PostgreSQL and worker processes: steadier than runs/s on a shared machine
 *
 * BENCH_RUNS (default 3000) runs per measurement; BENCH_WORKERS=protocol|sdk measures one worker
 * kind only; BENCH_PG_STATS=1 prints pg_stat_statements after each measurement;
 * BENCH_PROFILE_DIR writes CPU profiles; BENCH_ENGINE_CLI runs another checkout's engine/cli.ts.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { DispatcherDefinition, type SubscribeToWorkflowRunsRequest } from "@hatchet-dev/typescript-sdk/protoc/dispatcher/dispatcher";
import { WorkflowServiceDefinition } from "@hatchet-dev/typescript-sdk/protoc/workflows/workflows";
import { HatchetClient } from "@hatchet-dev/typescript-sdk/v1";
import { createChannel, createClient, Metadata } from "nice-grpc";
import { freePort, startEngineProcess, startProcess } from "../engine/conformance/crash/processes";
import { startEmbeddedPostgres } from "../lib/postgres/embedded";
import { createTestDatabase, TEST_CLUSTER_ENV } from "../lib/testing/database";
import { clusterCpuMs, cpuMs } from "./engine/cpu";
import { printStatementStats, resetStatementStats, withStatementStats } from "./engine/pg-stats";
import { measureUnaryCost } from "./engine/unary-cost";
import { benchWorkflows } from "./engine/workflows";

const RUNS = Number(process.env.BENCH_RUNS ?? 3000);
const BATCH = 500;
const IDLE_SAMPLES = 200;
const PG_STATS = process.env.BENCH_PG_STATS === "1";
const WORKERS = (process.env.BENCH_WORKERS ?? "protocol,sdk").split(",");

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const memory = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, "m"))?.[1] ?? 0);
  return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
};

// A durable cluster (fsync on), configured as `npm start` runs it, in a throw-away folder.
const folder = mkdtempSync(join(tmpdir(), "recourse-bench-"));
chmodSync(folder, 0o755); // the `postgres` user must walk into it
let cluster = await startEmbeddedPostgres({ dataDir: join(folder, "pg"), port: 0 });
if (PG_STATS) cluster = await withStatementStats(cluster);
process.env[TEST_CLUSTER_ENV] = cluster.url;
const database = await createTestDatabase();
const engine = await startEngineProcess({
  ...process.env,
  DATABASE_URL: database.url,
  ENGINE_GRPC_PORT: String(await freePort()),
  ENGINE_REST_PORT: String(await freePort()),
  RECOURSE_DATA_DIR: folder,
}, process.env.BENCH_ENGINE_CLI || undefined);
Object.assign(process.env, engine.clientEnv, { HATCHET_CLIENT_LOG_LEVEL: "ERROR" });
// The SDK client registers the same definitions the workers run; used for the idle-latency runs.
const hatchet = HatchetClient.init();
const [single] = benchWorkflows(hatchet);

const channel = createChannel(engine.clientEnv.HATCHET_CLIENT_HOST_PORT!);
const auth = { "*": { metadata: Metadata({ authorization: `bearer ${engine.clientEnv.HATCHET_CLIENT_TOKEN}` }) } };
const workflows = createClient(WorkflowServiceDefinition, channel, auth);
const dispatcher = createClient(DispatcherDefinition, channel, auth);

/** One results stream for the whole measurement, as the SDK keeps one per client. */
async function awaitResults(runIds: AsyncIterable<string[]>, expected: number, onResult: (runId: string, outputs: Record<string, unknown>) => void) {
  const requests = (async function* (): AsyncGenerator<SubscribeToWorkflowRunsRequest> {
    for await (const ids of runIds) for (const workflowRunId of ids) yield { workflowRunId };
    await new Promise(() => undefined); // keep the request side open until every result is in
  })();
  let received = 0;
  for await (const event of dispatcher.subscribeToWorkflowRuns(requests)) {
    const outputs = Object.fromEntries(event.results.map((r) => [r.taskName, r.output ? JSON.parse(r.output) : undefined]));
    if (event.results.some((r) => r.error)) throw new Error(`run ${event.workflowRunId} failed: ${event.results.map((r) => r.error).join(", ")}`);
    onResult(event.workflowRunId, outputs);
    if (++received === expected) return;
  }
}

/** CPU used so far by the engine, PostgreSQL, the worker and this client, in ms. */
function cpuNow(workerPid: number) {
  const client = process.cpuUsage();
  return { engine: cpuMs(engine.child.pid!), pg: clusterCpuMs(cluster.dataDir), worker: cpuMs(workerPid), client: (client.user + client.system) / 1000 };
}

async function throughput(name: string, firstTask: string, workerPid: number, label?: string) {
  if (label && PG_STATS) await resetStatementStats(database.url);
  const cpu0 = cpuNow(workerPid);
  const triggeredAt = new Map<string, number>();
  const latencies: number[] = [];
  const t0 = Date.now();
  const batches = (async function* () {
    for (let offset = 0; offset < RUNS; offset += BATCH) {
      const count = Math.min(BATCH, RUNS - offset);
      const at = Date.now();
      const { workflowRunIds } = await workflows.bulkTriggerWorkflow({ workflows: Array.from({ length: count }, () => ({ name, input: "{}" })) });
      for (const id of workflowRunIds) triggeredAt.set(id, at);
      yield workflowRunIds;
    }
  })();
  await awaitResults(batches, RUNS, (runId, outputs) => {
    const startedAt = (outputs[firstTask] as { startedAt: number }).startedAt;
    latencies.push(startedAt - triggeredAt.get(runId)!);
  });
  const seconds = (Date.now() - t0) / 1000;
  const cpu1 = cpuNow(workerPid);
  const perRun = (key: keyof typeof cpu0) => (cpu1[key] - cpu0[key]) / RUNS;
  if (label && PG_STATS) await printStatementStats(database.url, RUNS, 25).then(() => console.log(`(${label})`));
  return {
    runsPerSecond: RUNS / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpu: { engine: perRun("engine"), pg: perRun("pg"), worker: perRun("worker"), client: perRun("client") },
  };
}

async function idleLatency() {
  const latencies: number[] = [];
  for (let i = 0; i < IDLE_SAMPLES; i++) {
    const at = Date.now();
    const { startedAt } = (await single!.run({})) as { startedAt: number };
    latencies.push(startedAt - at);
  }
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function withWorker<T>(script: string, measure: (workerPid: number) => Promise<T>): Promise<T> {
  const worker = await startProcess(new URL(script, import.meta.url).pathname, [], process.env, /^ready$/m);
  try {
    return await measure(worker.child.pid!);
  } finally {
    // SIGTERM, so a worker started with BENCH_PROFILE_DIR writes its profile.
    worker.child.kill("SIGTERM");
    await new Promise((resolve) => worker.child.once("exit", resolve));
  }
}

const measureAll = (kind: string) => async (workerPid: number) => {
  await throughput("bench-single", "bench-single", workerPid); // warm-up: JIT, pools, plans
  return {
    single: await throughput("bench-single", "bench-single", workerPid, `${kind} worker, single-task`),
    dag: await throughput("bench-dag", "a", workerPid, `${kind} worker, DAG`),
    idle: await idleLatency(),
  };
};
type Measured = Awaited<ReturnType<ReturnType<typeof measureAll>>>;
const skipped: Measured = {
  single: { runsPerSecond: NaN, p50: NaN, p99: NaN, cpu: { engine: NaN, pg: NaN, worker: NaN, client: NaN } },
  dag: { runsPerSecond: NaN, p50: NaN, p99: NaN, cpu: { engine: NaN, pg: NaN, worker: NaN, client: NaN } },
  idle: { p50: NaN, p99: NaN },
};
const load0 = loadavg();
const protocol = WORKERS.includes("protocol") ? await withWorker("./engine/protocol-worker.ts", measureAll("protocol")) : skipped;
const sdk = WORKERS.includes("sdk") ? await withWorker("./engine/worker.ts", measureAll("SDK")) : skipped;
const load1 = loadavg();
const engineMemory = memory(engine.child.pid!);
const unary = await measureUnaryCost();
const cpu = (r: Measured["single"]) => `${r.cpu.engine.toFixed(2)} / ${r.cpu.pg.toFixed(2)} / ${r.cpu.worker.toFixed(2)} / ${r.cpu.client.toFixed(2)}`;

const rows = [
  ["single-task runs/s (trigger → result)", (r: typeof sdk) => r.single.runsPerSecond.toFixed(0), "≥ 1,000"],
  ["3-task DAG runs/s (trigger → result)", (r: typeof sdk) => r.dag.runsPerSecond.toFixed(0), "≥ 400"],
  ["trigger → start p50 / p99, single-task load", (r: typeof sdk) => `${r.single.p50} / ${r.single.p99} ms`, ""],
  ["trigger → start p50 / p99, DAG load", (r: typeof sdk) => `${r.dag.p50} / ${r.dag.p99} ms`, ""],
  ["trigger → start p50 / p99, one run at a time", (r: typeof sdk) => `${r.idle.p50} / ${r.idle.p99} ms`, ""],
  ["CPU ms/run engine / PG / worker / client, single-task", (r: typeof sdk) => cpu(r.single), ""],
  ["CPU ms/run engine / PG / worker / client, DAG", (r: typeof sdk) => cpu(r.dag), ""],
] as const;
const table = [
  ["measure", "protocol worker", "SDK worker", "target"],
  ...rows.map(([measure, value, target]) => [measure, value(protocol), value(sdk), target]),
  ["engine RSS after the runs / peak", `${engineMemory.rssMb.toFixed(0)} / ${engineMemory.peakMb.toFixed(0)} MB`, "", ""],
  // Two per task before any engine work (STARTED, COMPLETED): the floor under both processes' CPU.
  ["empty unary call: CPU µs server / client", `${unary.serverUs.toFixed(0)} / ${unary.clientUs.toFixed(0)} µs`, `${unary.callsPerSecond.toFixed(0)} calls/s`, ""],
];
const widths = [0, 1, 2].map((i) => Math.max(...table.map((row) => row[i]!.length)));
console.log(`\nembedded engine: ${RUNS} runs per measurement (bulk triggers of ${BATCH}), one worker process (1000 slots), embedded PostgreSQL (durable: fsync on)\n`);
for (const row of table) console.log(`${row[0]!.padEnd(widths[0]!)}  ${row[1]!.padStart(widths[1]!)}  ${row[2]!.padStart(widths[2]!)}  ${row[3]}`);
console.log(`load average (1 min) at the start / end: ${load0[0]!.toFixed(2)} / ${load1[0]!.toFixed(2)}`);

channel.close();
engine.child.kill("SIGTERM");
await new Promise((resolve) => engine.child.once("exit", resolve));
await database.drop();
await cluster.stop();
rmSync(folder, { recursive: true, force: true });
process.exit(0);
