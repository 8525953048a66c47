/** The benchmark's SDK worker, in its own process; prints "ready" once listening. */
import { HatchetClient } from "@hatchet-dev/typescript-sdk/v1";
import { benchWorkflows } from "./workflows";

const hatchet = HatchetClient.init();
const worker = await hatchet.worker("bench-worker", { workflows: benchWorkflows(hatchet), slots: 1000 });
void worker.start();
await worker.waitUntilReady(30_000);
console.log("ready");
// SIGTERM ends the process normally (a --cpu-prof profile is written on exit).
process.on("SIGTERM", () => process.exit(0));
