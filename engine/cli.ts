/**
 * `npm run engine`: starts the embedded engine on DATABASE_URL and prints the variables any
 * Hatchet SDK client needs (also written to .data/engine.env). Stops on SIGINT/SIGTERM.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseSpan, VirtualClock } from "./clock";
import { startEngine } from "./index";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("engine: DATABASE_URL is required (npm start provides one in embedded mode)");
  process.exit(2);
}
const port = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    console.error(`engine: ${name} must be a port number`);
    process.exit(2);
  }
  return value;
};

const milliseconds = (name: string) => {
  const text = process.env[name];
  if (text === undefined || text === "") return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`engine: ${name} must be a positive whole number of milliseconds`);
    process.exit(2);
  }
  return value;
};

// Time skip for demos and tests: the engine's clock runs this far ahead of real time (e.g. "1d"),
// as if that much time had passed; sleeps and schedules due in between fire at start.
const offset = process.env.ENGINE_CLOCK_OFFSET;
let clock: VirtualClock | undefined;
// ENGINE_VIRTUAL_CLOCK=1: time moves only through POST /api/v1/engine/clock (and real time's pace).
if (process.env.ENGINE_VIRTUAL_CLOCK === "1") clock = new VirtualClock();
if (offset) {
  const ms = parseSpan(offset);
  if (ms === undefined) {
    console.error("engine: ENGINE_CLOCK_OFFSET must be a span like 30m, 12h or 1d");
    process.exit(2);
  }
  clock ??= new VirtualClock();
  clock.advance(ms);
}

const engine = await startEngine({
  clock,
  databaseUrl,
  grpcPort: port("ENGINE_GRPC_PORT", 7077),
  restPort: port("ENGINE_REST_PORT", 7078),
  workerLossTimeoutMs: milliseconds("ENGINE_WORKER_LOSS_TIMEOUT_MS"),
  sweepIntervalMs: milliseconds("ENGINE_SWEEP_INTERVAL_MS"),
  assignmentAckTimeoutMs: milliseconds("ENGINE_ASSIGNMENT_ACK_TIMEOUT_MS"),
});
const lines = Object.entries(engine.clientEnv).map(([key, value]) => `${key}=${value}`);
const dataDir = process.env.RECOURSE_DATA_DIR ?? ".data";
mkdirSync(dataDir, { recursive: true });
writeFileSync(join(dataDir, "engine.env"), `${lines.join("\n")}\n`, { mode: 0o600 });
console.log(lines.join("\n"));
console.log(`engine ready: gRPC ${engine.grpcAddress}, REST ${engine.apiUrl}`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void engine.stop().then(() => process.exit(0));
  });
}
