/** `npm run bench`: every benchmark in bench/, one after another, each in its own process. */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";

const scripts = readdirSync("bench").filter((f) => f.endsWith(".ts") && f !== "run.ts").sort();
let failed = 0;
for (const script of scripts) {
  console.log(`\n== bench/${script}`);
  const { status } = spawnSync(process.execPath, ["--import", "tsx", `bench/${script}`], { stdio: "inherit" });
  if (status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
