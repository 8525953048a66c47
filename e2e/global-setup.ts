import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HatchetClient } from "@hatchet-dev/typescript-sdk";
import { E2E_PORTS } from "./fixtures/ports";

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

/**
 * Starts Recourse the way `npm start` does (the `recourse` supervisor: embedded PostgreSQL,
 * migrations, embedded engine, the LiveKit call simulator, the all-in-one worker with the outbox
 * relay, production console), so launched campaigns really run their journeys and dial the
 * simulator; on a throw-away data folder with seeded data, plus one SDK worker whose workflow fails its first try, so the workflow view has a failed run to
 * retry. Returns the teardown that stops it all.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync("package.json") || !existsSync("cli/recourse.ts")) throw new Error("run the e2e tier from the repository root (npm run test:e2e)");
  const dataDir = mkdtempSync(join(tmpdir(), "recourse-e2e-"));
  chmodSync(dataDir, 0o755); // the embedded PostgreSQL runs as another user and must walk into it
  const env: NodeJS.ProcessEnv = {
    ...process.env,
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
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(async () => {
      if (supervisor.exitCode !== null) throw fail(`e2e setup: recourse start exited with ${supervisor.exitCode}`);
      return /Recourse is ready/.test(log.join("")) ? true : undefined;
    }, "recourse start", START_TIMEOUT_MS).catch((error: unknown) => {
      throw error instanceof Error && error.message.includes("--- output ---") ? error : fail(String(error));
    });

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
