import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { startChild, waitForHttp, type ManagedChild } from "./children";
import type { PartLogger } from "./log";

const STAMP = ".next/recourse-build.json";
const SOURCES = ["app", "lib", "next.config.ts", "postcss.config.mjs", "package-lock.json"];

/**
 * The console runs as a production Next.js server. The build is made on first start, and again
 * whenever the sources it was made from changed (a fingerprint of their sizes and times).
 */
export async function startConsole(options: { port: number; env: NodeJS.ProcessEnv; log: PartLogger; rebuild?: boolean }): Promise<ManagedChild> {
  const next = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const env: NodeJS.ProcessEnv = { ...options.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" };
  const fingerprint = sourceFingerprint();
  if (options.rebuild || !isBuildCurrent(fingerprint)) {
    options.log.info("building the console (first start or sources changed; about 30 s) …");
    const build = startChild(process.execPath, [next, "build"], { env, log: options.log });
    if ((await build.exited) !== 0) throw new Error("next build failed (see the console lines above)");
    writeFileSync(STAMP, JSON.stringify({ fingerprint }));
  }
  const server = startChild(process.execPath, [next, "start", "--port", String(options.port), "--hostname", "127.0.0.1"], { env, log: options.log });
  try {
    await waitForHttp(`http://127.0.0.1:${options.port}/api/health`, server, 60_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

function isBuildCurrent(fingerprint: string): boolean {
  if (!existsSync(".next/BUILD_ID") || !existsSync(STAMP)) return false;
  try {
    return (JSON.parse(readFileSync(STAMP, "utf8")) as { fingerprint?: string }).fingerprint === fingerprint;
  } catch {
    return false;
  }
}

function sourceFingerprint(): string {
  const hash = createHash("sha256");
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) if (name !== "generated" && !name.endsWith(".test.ts")) visit(join(path, name));
    } else {
      hash.update(`${path}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  for (const source of SOURCES) visit(source);
  return hash.digest("hex");
}
