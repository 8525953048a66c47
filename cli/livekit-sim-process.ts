import { startChild, type ManagedChild } from "./children";
import type { PartLogger } from "./log";

/**
 * The LiveKit call simulator (sim/livekit/cli.ts) as a child process, for embedded mode (no
 * LIVEKIT_URL). Its secrets travel in the environment, never on the command line. Resolves once it
 * printed its ready line.
 */
export async function startLiveKitSimProcess(options: { env: NodeJS.ProcessEnv; log: PartLogger; timeoutMs?: number }): Promise<ManagedChild> {
  const child = startChild(process.execPath, ["--import", "tsx", "sim/livekit/cli.ts"], { env: options.env, log: options.log });
  const timeoutMs = options.timeoutMs ?? 30_000;
  let output = "";
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the call simulator did not start within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
    child.process.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (/^livekit-sim ready/m.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    void child.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the call simulator exited (code ${code}) before it was ready; see its lines above`));
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
