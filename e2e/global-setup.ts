import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HatchetClient } from "@hatchet-dev/typescript-sdk";
import pg from "pg";
import { resolvePgDataDir } from "../cli/data-dir";
import { IMPORTED_SIM_PERSONAS } from "./fixtures/imported-accounts";
import { E2E_PORTS } from "./fixtures/ports";
import { describeLocally, e2eSystemTime, fakeTimeEnv } from "./fixtures/system-clock";

/**
 * The first start builds the console (a minute alone; over four minutes when the two cores are
 * shared with other builds); later starts reuse the build.
 */
const START_TIMEOUT_MS = 600_000;

function run(args: string[], env: NodeJS.ProcessEnv, log: string[]): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (chunk: Buffer) => log.push(chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => log.push(chunk.toString("utf8")));
  return child;
}

const exited = (child: ChildProcess) => new Promise<number>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code ?? 1))));

async function waitFor<T>(read: () => Promise<T | undefined>, label: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`e2e setup: timed out waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Clocks further apart than this from the runner's clock plus the offset mean a part escaped libfaketime. */
const CLOCK_TOLERANCE_MS = 60_000;

/** The clock an HTTP server answered with (Node's servers send a Date header, to the second). */
async function httpClock(url: string): Promise<Date> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  await response.body?.cancel();
  const date = response.headers.get("date");
  if (!date) throw new Error(`${url} sent no Date header`);
  return new Date(date);
}

async function postgresClock(dataDir: string): Promise<Date> {
  const credentials = JSON.parse(readFileSync(join(resolvePgDataDir(dataDir, () => undefined), "recourse-credentials.json"), "utf8")) as { user: string; password: string };
  const client = new pg.Client({ host: "127.0.0.1", port: E2E_PORTS.postgres, user: credentials.user, password: credentials.password, database: "recourse" });
  await client.connect();
  try {
    const { rows } = await client.query<{ now: Date }>("SELECT clock_timestamp() AS now");
    return rows[0]!.now;
  } finally {
    await client.end();
  }
}

/**
 * Starts Recourse the way `npm start` does (the `recourse` supervisor: embedded PostgreSQL,
 * migrations, embedded engine, the LiveKit call simulator, the all-in-one worker with the outbox
 * relay, production console), so launched campaigns really run their journeys and dial the
 * simulator; on a throw-away data folder with seeded data, plus one SDK worker whose workflow fails its first try, so the workflow view has a failed run to
 * retry. Returns the teardown that stops it all.
 *
 * The system runs on a shifted clock (fixtures/system-clock.ts): a weekday inside US calling hours,
 * so its calls really happen. The imported accounts get fixed personas (fixtures/imported-accounts.ts).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync("package.json") || !existsSync("cli/recourse.ts")) throw new Error("run the e2e tier from the repository root (npm run test:e2e)");
  const realNow = Date.now();
  const systemTime = e2eSystemTime(new Date(realNow));
  const offsetSeconds = Math.ceil((systemTime.getTime() - realNow) / 1000);
  const offsetMs = offsetSeconds * 1000;
  const shiftedClock = fakeTimeEnv(offsetSeconds, { library: process.env.E2E_LIBFAKETIME || undefined, preload: process.env.LD_PRELOAD || undefined });
  const dataDir = mkdtempSync(join(tmpdir(), "recourse-e2e-"));
  chmodSync(dataDir, 0o755); // the embedded PostgreSQL runs as another user and must walk into it
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...shiftedClock,
    SIM_PERSONAS: IMPORTED_SIM_PERSONAS,
    RECOURSE_WORKER_HEALTH_PORT: String(E2E_PORTS.worker),
    RECOURSE_DATA_DIR: dataDir,
    PORT: String(E2E_PORTS.app),
    EMBEDDED_PG_PORT: String(E2E_PORTS.postgres),
    ENGINE_GRPC_PORT: String(E2E_PORTS.grpc),
    ENGINE_REST_PORT: String(E2E_PORTS.rest),
    SIM_LIVEKIT_PORT: String(E2E_PORTS.sim),
    LOG_LEVEL: "warn",
    NO_COLOR: "1",
  };
  // Embedded everything, whatever the developer's shell has set.
  for (const key of ["NODE_ENV", "DATABASE_URL", "APP_URL", "HATCHET_CLIENT_TOKEN", "HATCHET_CLIENT_HOST_PORT", "HATCHET_CLIENT_API_URL", "HATCHET_CLIENT_TLS_STRATEGY", "HATCHET_CLIENT_NAMESPACE", "LIVEKIT_URL", "OPENAI_API_KEY", "RECOURSE_PROFILE"]) delete env[key];

  const hours = Math.floor(offsetSeconds / 3600);
  console.log(`e2e: the system runs on a shifted clock: ${systemTime.toISOString()} (${describeLocally(systemTime)}), ${Math.floor(hours / 24)} d ${hours % 24} h ${Math.floor((offsetSeconds % 3600) / 60)} min ahead (libfaketime, FAKETIME=${env.FAKETIME}); the runner and Chromium keep the real clock`);
  process.env.E2E_SYSTEM_OFFSET_MS = String(offsetMs);

  const log: string[] = [];
  const fail = (message: string) => {
    writeFileSync(join(dataDir, "e2e-setup.log"), log.join(""));
    return new Error(`${message}\n--- output ---\n${log.join("").slice(-6000)}`);
  };
  const prepare = run(["e2e/fixtures/prepare-data.ts"], env, log);
  if ((await exited(prepare)) !== 0) throw fail("e2e setup: seeding the throw-away database failed");

  const supervisor = run(["cli/recourse.ts", "start"], env, log);
  let worker: { stop(): Promise<void> } | undefined;
  const teardown = async () => {
    await worker?.stop().catch(() => undefined);
    if (supervisor.exitCode === null) {
      supervisor.kill("SIGINT");
      const timer = setTimeout(() => supervisor.kill("SIGKILL"), 30_000);
      await exited(supervisor);
      clearTimeout(timer);
    }
    // What the system said (warnings and errors: LOG_LEVEL=warn), kept beside the screenshots for a failed spec.
    mkdirSync("test-results", { recursive: true });
    writeFileSync("test-results/e2e-system.log", log.join(""));
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(async () => {
      if (supervisor.exitCode !== null) throw fail(`e2e setup: recourse start exited with ${supervisor.exitCode}`);
      return /Recourse is ready/.test(log.join("")) ? true : undefined;
    }, "recourse start", START_TIMEOUT_MS).catch((error: unknown) => {
      throw error instanceof Error && error.message.includes("--- output ---") ? error : fail(String(error));
    });

    // Every part must be on the shifted clock, PostgreSQL above all (the compliance gate reads clock_timestamp()).
    const clocks = await Promise.all(
      (
        [
          ["postgres", () => postgresClock(dataDir)],
          ["engine", () => httpClock(`http://127.0.0.1:${E2E_PORTS.rest}/`)],
          ["call simulator", () => httpClock(`http://127.0.0.1:${E2E_PORTS.sim}/`)],
          ["worker", () => httpClock(`http://127.0.0.1:${E2E_PORTS.worker}/healthz`)],
          ["console", () => httpClock(`http://127.0.0.1:${E2E_PORTS.app}/api/health`)],
        ] as const
      ).map(async ([part, read]) => {
        const at = await read();
        return { part, skewMs: at.getTime() - (Date.now() + offsetMs) };
      }),
    );
    const off = clocks.filter((c) => Math.abs(c.skewMs) > CLOCK_TOLERANCE_MS);
    if (off.length > 0) throw fail(`e2e setup: not on the shifted clock (libfaketime did not reach them): ${off.map((c) => `${c.part} ${Math.round(c.skewMs / 1000)} s off`).join(", ")}`);
    console.log(`e2e: ${clocks.map((c) => c.part).join(", ")} agree with the shifted clock (within ${Math.ceil(Math.max(...clocks.map((c) => Math.abs(c.skewMs))) / 1000)} s)`);

    const engineEnv = Object.fromEntries(readFileSync(join(dataDir, "engine.env"), "utf8").trim().split("\n").map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]));
    const hatchet = HatchetClient.init({
      token: engineEnv.HATCHET_CLIENT_TOKEN,
      host_port: engineEnv.HATCHET_CLIENT_HOST_PORT,
      api_url: engineEnv.HATCHET_CLIENT_API_URL,
      tls_config: { tls_strategy: "none" },
      log_level: "ERROR",
    });
    let tries = 0;
    const flaky = hatchet.workflow({ name: "e2e-settlement" });
    flaky.task({
      name: "post-settlement",
      retries: 0,
      fn: () => {
        tries += 1;
        if (tries === 1) throw new Error("payment processor timed out (e2e: fails once)");
        return { posted: true, tries };
      },
    });
    const harness = await import("@hatchet-dev/typescript-sdk/v1/examples/__e2e__/harness.js");
    worker = await harness.startWorker({ client: hatchet, name: "e2e-worker", workflows: [flaky], slots: 2 });
    const runId = await (await flaky.runNoWait({})).getWorkflowRunId();
    await waitFor(async () => ((await hatchet.runs.get(runId)).run.status === "FAILED" ? true : undefined), "the e2e run to fail", 30_000);
    process.env.E2E_FAILED_RUN_ID = runId;
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
