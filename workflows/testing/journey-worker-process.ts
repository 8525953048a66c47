/**
 * A Recourse worker in a process of its own, for crash tests: `node --import tsx
 * journey-worker-process.ts <name>` with the engine's HATCHET_CLIENT_* variables and
 * JOURNEY_WORKER_DATABASE_URL, JOURNEY_WORKER_LIVEKIT_URL (a sim/livekit of the simulated world)
 * and JOURNEY_WORKER_NOW (the test's frozen virtual instant). Prints "ready" once registered.
 */
import { createDb } from "../../lib/db";
import { createLiveKitTelephony } from "../../lib/integrations/livekit/adapter";
import { createOfflineSummarizer } from "../../lib/integrations/llm/offline-summarizer";
import { simulatedLiveKitConfig } from "../../lib/testing/simulated-world";

const [name] = process.argv.slice(2);
const { JOURNEY_WORKER_DATABASE_URL: databaseUrl, JOURNEY_WORKER_LIVEKIT_URL: liveKitUrl, JOURNEY_WORKER_NOW: frozen } = process.env;
if (!name || !databaseUrl || !liveKitUrl || !frozen) throw new Error("usage: JOURNEY_WORKER_DATABASE_URL=… JOURNEY_WORKER_LIVEKIT_URL=… JOURNEY_WORKER_NOW=… journey-worker-process <name>");
const now = new Date(frozen);

const { setWorkflowDeps } = await import("../deps");
setWorkflowDeps({
  db: createDb(databaseUrl),
  telephony: createLiveKitTelephony(simulatedLiveKitConfig(liveKitUrl), { pollIntervalMs: 20 }),
  summarizer: createOfflineSummarizer(),
  now: () => now,
  virtualClock: true,
});
const { hatchet } = await import("../hatchet-client");
const { allWorkflows } = await import("../index");
const worker = await hatchet.worker(name, { workflows: allWorkflows, slots: 20, durableSlots: 20 });
void worker.start();
await worker.waitUntilReady(30_000);
console.log("ready");
