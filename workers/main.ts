/**
 * The all-in-one worker (embedded mode and small deployments): registers every workflow, runs the
 * outbox relay, answers /health, and drains on SIGTERM/SIGINT — the running steps finish or are
 * handed back to the engine, and the relay stops after its current batch.
 */
import { createServer } from "node:http";
import { env } from "../lib/env";
import { hatchetPublisher } from "../lib/outbox/hatchet-publisher";
import { outboxBacklog } from "../lib/outbox/backlog";
import { runOutboxRelay } from "../lib/outbox/run-relay";
import { workflowDeps } from "../workflows/deps";
import { hatchet } from "../workflows/hatchet-client";
import { allWorkflows } from "../workflows/index";

const settings = env(); // bad configuration fails here, at start
const { db } = workflowDeps();
const worker = await hatchet.worker(settings.RECOURSE_WORKER_NAME, {
  workflows: allWorkflows,
  slots: settings.RECOURSE_WORKER_SLOTS,
  durableSlots: settings.RECOURSE_WORKER_DURABLE_SLOTS,
});
void worker.start();
await worker.waitUntilReady(60_000);

const relay = new AbortController();
const relayDone = runOutboxRelay(db, hatchetPublisher(hatchet), { signal: relay.signal, batchSize: settings.OUTBOX_RELAY_BATCH_SIZE, idleMs: settings.OUTBOX_RELAY_IDLE_MS, onError: (error) => console.error("[worker] outbox relay:", error instanceof Error ? error.message : error) });

const health = createServer((request, response) => {
  if (request.url !== "/health") {
    response.writeHead(404).end();
    return;
  }
  void outboxBacklog(db)
    .then((backlog) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ status: "ok", outbox: backlog }));
    })
    .catch(() => response.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ status: "database unavailable" })));
});
const healthPort = settings.RECOURSE_WORKER_HEALTH_PORT;
await new Promise<void>((resolve) => health.listen(healthPort, "127.0.0.1", resolve));
const address = health.address();
console.log(`worker ready: ${allWorkflows.length} workflows, health on http://127.0.0.1:${typeof address === "object" && address ? address.port : healthPort}/health (${settings.RECOURSE_PROFILE})`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    relay.abort();
    void (async () => {
      await worker.stop().catch(() => undefined);
      await relayDone;
      health.close();
      await db.$disconnect();
      process.exit(0);
    })();
  });
}
