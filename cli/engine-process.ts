import { startChild, type ManagedChild } from "./children";
import type { PartLogger } from "./log";

export interface RunningEngine {
  child: ManagedChild;
  /** HATCHET_CLIENT_* for every SDK client (workers, the console), as the engine printed them. */
  clientEnv: Record<string, string>;
}

/**
 * The embedded Hatchet-compatible engine (engine/cli.ts) as a child process on the product's
 * database (schema "hatchet"). Resolves once it printed its client variables.
 */
export async function startEngineProcess(options: { env: NodeJS.ProcessEnv; log: PartLogger; timeoutMs?: number }): Promise<RunningEngine> {
  // The token is a credential: the terminal shows where it is, not what it is.
  const log: PartLogger = {
    ...options.log,
    pipe: (chunk) => options.log.pipe(chunk.toString().replace(/^HATCHET_CLIENT_TOKEN=.*$/gm, "HATCHET_CLIENT_TOKEN=… (in engine.env in the data folder)")),
  };
  // ENGINE_PROFILE_DIR=<dir>: a V8 CPU profile of the engine, written when it stops.
  const profile = options.env.ENGINE_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${options.env.ENGINE_PROFILE_DIR}`] : [];
  const child = startChild(process.execPath, [...profile, "--import", "tsx", "engine/cli.ts"], { env: options.env, log });
  let output = "";
  const ready = new Promise<Record<string, string>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the engine did not start within ${Math.round((options.timeoutMs ?? 60_000) / 1000)} s`)), options.timeoutMs ?? 60_000);
    child.process.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (/^engine ready/m.test(output)) {
        clearTimeout(timer);
        resolve(Object.fromEntries([...output.matchAll(/^(HATCHET_CLIENT_\w+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!])));
      }
    });
    void child.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the engine exited (code ${code}) before it was ready; see its lines above`));
    });
  });
  try {
    return { child, clientEnv: await ready };
  } catch (error) {
    await child.stop();
    throw error;
  }
}
