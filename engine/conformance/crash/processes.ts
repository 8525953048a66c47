import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** Starts `node --import tsx <script>` and resolves once a line of its stdout matches `ready`. */
export function startProcess(script: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp, timeoutMs = 60_000): Promise<{ child: ChildProcess; output: string }> {
  const child = spawn(process.execPath, [...(process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []), "--import", "tsx", script, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} not ready after ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve({ child, output });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (process.env.ENGINE_TRACE) process.stderr.write(chunk);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}

export function startWorkerProcess(name: string, logFile: string, env: NodeJS.ProcessEnv) {
  return startProcess(here("./worker-process.ts"), [name, logFile], env, /^ready$/m);
}

/**
 * The engine's own CLI, as `npm run engine` runs it; resolves with the client variables it prints.
 * `cli` may name another checkout's engine/cli.ts (benchmarks comparing two versions).
 */
export async function startEngineProcess(env: NodeJS.ProcessEnv, cli = here("../../cli.ts")) {
  const { child, output } = await startProcess(cli, [], env, /^engine ready/m);
  const clientEnv = Object.fromEntries([...output.matchAll(/^(HATCHET_CLIENT_\w+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
  return { child, clientEnv };
}

export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === "object" && address ? address.port : 0;
}

/** Execution log lines written by the crash workflows: `start|done <taskId> <retryCount> <worker>`. */
export function readExecutions(logFile: string): { what: string; taskId: string; retryCount: number; worker: string }[] {
  let text = "";
  try {
    text = readFileSync(logFile, "utf8");
  } catch {
    return [];
  }
  return text
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [what = "", taskId = "", retryCount = "0", worker = ""] = line.split(" ");
      return { what, taskId, retryCount: Number(retryCount), worker };
    });
}
