import { startChild, type ManagedChild } from "./children";
import type { PartLogger } from "./log";

/**
 * The all-in-one Recourse worker (workers/main.ts) as a child process: every workflow and the
 * outbox relay. Resolves once it printed its ready line (it has registered with the engine).
 */
export async function startWorkerProcess(options: { env: NodeJS.ProcessEnv; log: PartLogger; timeoutMs?: number }): Promise<ManagedChild> {
  const child = startChild(process.execPath, ["--import", "tsx", "workers/main.ts"], { env: options.env, log: options.log });
  const timeoutMs = options.timeoutMs ?? 90_000;
  let output = "";
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker did not start within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
    child.process.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (/^worker ready/m.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    void child.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the worker exited (code ${code}) before it was ready; see its lines above`));
    });
  });
  try {
    await ready;
    return child;
  } catch (error) {
    await child.stop();
    throw error;
  }
}
