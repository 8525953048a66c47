/**
 * Finds the test files of one tier and hands them to node's own test runner. Integration and
 * engine tiers share one throw-away PostgreSQL cluster (each file makes its own databases on it).
 * Prints a closing `<tier>: N passed, N failed` line, and fails a tier that finds no test file,
 * so a CI step can never pass by running nothing.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { startTestCluster, TEST_CLUSTER_ENV } from "../lib/testing/database";

const isIntegration = (f: string) => /\.int\.test\.tsx?$/.test(f);
// The compliance simulation keeps both cores busy for minutes: it runs alone, after the others.
const isSimulation = (f: string) => /\.sim\.test\.tsx?$/.test(f);
const TIERS = {
  unit: { roots: ["lib", "workflows", "workers", "sim", "cli", "prisma", "scripts", "app", "e2e"], match: (f: string) => /\.test\.tsx?$/.test(f) && !isIntegration(f) && !isSimulation(f), database: false },
  int: { roots: ["lib", "workflows", "workers", "sim", "cli", "prisma", "app"], match: isIntegration, database: true },
  engine: { roots: ["engine"], match: (f: string) => /\.test\.tsx?$/.test(f), database: true },
  sim: { roots: ["workflows"], match: isSimulation, database: true },
} as const;
type Tier = keyof typeof TIERS;

function walk(dir: string, out: string[]): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    if (name === "node_modules" || name === "generated" || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
}

const tier = process.argv[2] as Tier | undefined;
if (!tier || !(tier in TIERS)) {
  console.error(`usage: run-tests <${Object.keys(TIERS).join("|")}> [path-substring]`);
  process.exit(2);
}
const filter = process.argv[3];
const { roots, match, database } = TIERS[tier];
const files: string[] = [];
for (const root of roots) walk(root, files);
const selected = files.map((f) => relative(process.cwd(), f)).filter((f) => match(f) && (!filter || f.includes(filter))).sort();
if (selected.length === 0) {
  console.error(`${tier}: no test files found${filter ? ` matching ${filter}` : ""}`);
  process.exit(1);
}

const cluster = database ? await startTestCluster() : undefined;
mkdirSync(".data/test-results", { recursive: true });
let output = "";
const status = await new Promise<number>((resolve) => {
  const child = spawn(
    process.execPath,
    [
      "--import", "tsx", "--test",
      // The SDK's listeners retry their streams forever once the engine under them is gone; end
      // each file when its tests are done instead of waiting for handles that never close.
      "--test-force-exit",
      // Integration and engine files start servers and workers: two at a time on two cores.
      `--test-concurrency=${database ? 2 : 4}`,
      "--test-reporter=spec", "--test-reporter-destination=stdout",
      ...selected,
    ],
    { stdio: ["inherit", "pipe", "inherit"], env: { ...process.env, NODE_ENV: "test", ...(cluster ? { [TEST_CLUSTER_ENV]: cluster.url } : {}) } },
  );
  // The summary is read from the spec reporter's stdout: a file reporter's stream is not flushed
  // when --test-force-exit ends the run.
  child.stdout.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    output += chunk.toString("utf8");
  });
  child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
});
await cluster?.stop();

const plain = output.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g"), ""); // colour codes
writeFileSync(`.data/test-results/${tier}.log`, plain);
const count = (key: string) => Number(plain.match(new RegExp(`^ℹ ${key} (\\d+)$`, "m"))?.[1] ?? 0);
const passed = count("pass");
const failed = count("fail") + count("cancelled");
console.log(`\n${tier}: ${passed} passed, ${failed} failed`);
process.exit(status !== 0 || failed > 0 || passed === 0 ? 1 : 0);
