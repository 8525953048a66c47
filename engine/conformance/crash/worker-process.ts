/**
 * A worker process for the crash tests: `node --import tsx worker-process.ts <name> <log file>`
 * with the HATCHET_CLIENT_* variables of the engine under test. Prints "ready" once listening.
 */
import { HatchetClient } from "@hatchet-dev/typescript-sdk/v1";
import { crashWorkflows, durableCrashWorkflow } from "./workflows";

const [workerName, logFile] = process.argv.slice(2);
if (!workerName || !logFile) throw new Error("usage: worker-process <name> <log file>");
const hatchet = HatchetClient.init();
const { slow, chain } = crashWorkflows(hatchet, { workerName, logFile });
const durable = durableCrashWorkflow(hatchet, { workerName, logFile });
const worker = await hatchet.worker(workerName, { workflows: [slow, chain, durable], slots: 20 });
void worker.start();
await worker.waitUntilReady(30_000);
console.log("ready");
