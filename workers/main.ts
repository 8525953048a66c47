/**
 * A Recourse worker. RECOURSE_WORKER_ROLE picks what it serves (workers/roles.ts): `all-in-one`
 * (embedded mode and small deployments: every workflow and the outbox relay), or one of `voice`,
 * `llm`, `core` for a scaled-out stack, where each role is its own service that can be run N times.
 * Every role answers /healthz and /metrics, and drains on SIGTERM/SIGINT: the running steps finish
 * or are handed back to the engine, and the relay stops after its current batch.
 */
import { env } from "../lib/env";
import { registerDatabaseGauges } from "../lib/observability/database-gauges";
import { logger } from "../lib/observability/logger";
import { recourseMetrics } from "../lib/observability/registry";
import { hatchetPublisher } from "../lib/outbox/hatchet-publisher";
import { runOutboxRelay } from "../lib/outbox/run-relay";
import { workflowDeps } from "../workflows/deps";
import { hatchet } from "../workflows/hatchet-client";
import { startWorkerHealthServer } from "./health-server";
import { roleProfile } from "./roles";

const settings = env(); // bad configuration fails here, at start
const profile = roleProfile(settings.RECOURSE_WORKER_ROLE, { slots: settings.RECOURSE_WORKER_SLOTS, durableSlots: settings.RECOURSE_WORKER_DURABLE_SLOTS });
const name = settings.RECOURSE_WORKER_NAME ?? `recourse-${profile.role}`;
const log = logger();
log.setBindings({ role: profile.role, worker: name });
const { db } = workflowDeps();
const metrics = recourseMetrics();
if (profile.reportsDatabaseGauges) registerDatabaseGauges(metrics, db);

const worker = await hatchet.worker(name, { workflows: profile.workflows, slots: profile.slots, durableSlots: profile.durableSlots, labels: profile.labels });
void worker.start();
await worker.waitUntilReady(60_000);

const relay = new AbortController();
const relayDone = profile.runsOutboxRelay
  ? runOutboxRelay(db, hatchetPublisher(hatchet), {
      signal: relay.signal,
      batchSize: settings.OUTBOX_RELAY_BATCH_SIZE,
      idleMs: settings.OUTBOX_RELAY_IDLE_MS,
      onError: (error) => log.error({ err: error }, "outbox relay batch failed"),
    })
  : Promise.resolve();

const health = await startWorkerHealthServer({ db, metrics, role: profile.role, workflows: profile.workflows.length, host: settings.RECOURSE_WORKER_HEALTH_HOST, port: settings.RECOURSE_WORKER_HEALTH_PORT });
// The supervisor (cli/worker-process.ts) waits for this exact line; keep it plain text.
console.log(`worker ready: ${profile.workflows.length} workflows, role ${profile.role}, health on ${health.url}/healthz, metrics on ${health.url}/metrics (${settings.RECOURSE_PROFILE})`);
log.info({ workflows: profile.workflows.map((w) => w.name), slots: profile.slots, durableSlots: profile.durableSlots, relay: profile.runsOutboxRelay }, "worker ready");

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    health.markDraining();
    relay.abort();
    log.info({ signal }, "draining");
    void (async () => {
      await worker.stop().catch(() => undefined);
      await relayDone;
      await health.close();
      await db.$disconnect();
      process.exit(0);
    })();
  });
}
