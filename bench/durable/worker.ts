/** The durable benchmark's SDK worker, in its own process; prints "ready" once listening. */
import { HatchetClient } from "@hatchet-dev/typescript-sdk/v1";
import { durableBenchWorkflows } from "./workflows";

const hatchet = HatchetClient.init();
const { awaitEvent, sleeper } = durableBenchWorkflows(hatchet);
const worker = await hatchet.worker("bench-durable-worker", { workflows: [awaitEvent, sleeper], slots: 100, durableSlots: 2000 });
void worker.start();
await worker.waitUntilReady(30_000);
console.log("ready");
process.on("SIGTERM", () => process.exit(0));
