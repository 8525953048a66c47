import { spawn, type ChildProcess } from "node:child_process";
import type { PartLogger } from "./log";

export interface ManagedChild {
  readonly process: ChildProcess;
  /** Resolves when the child exits, with its exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`: a child never outlives the supervisor. */
  stop(graceMs?: number): Promise<void>;
}

/** Runs a part of the system as a child process, its output prefixed in the supervisor's log. */
export function startChild(command: string, args: string[], options: { env: NodeJS.ProcessEnv; log: PartLogger; cwd?: string }): ManagedChild {
  const child = spawn(command, args, { env: options.env, cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", options.log.pipe);
  child.stderr?.on("data", options.log.pipe);
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.once("error", (error) => {
      options.log.error(`could not start ${command}: ${error.message}`);
      resolve(1);
    });
  });
  return {
    process: child,
    exited,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls an HTTP URL until it answers 2xx, the child dies, or the deadline passes. */
export async function waitForHttp(url: string, child: ManagedChild, timeoutMs: number): Promise<void> {
  let dead = false;
  void child.exited.then(() => (dead = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (dead) throw new Error(`the process exited before ${url} answered`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s`);
}
