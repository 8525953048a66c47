import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";

/**
 * After a crash (kill -9 of the supervisor, power loss) the cluster folder keeps
 * `postmaster.pid`. Postgres removes it itself when that pid is dead, but refuses to start when
 * the pid now belongs to another process, and a postmaster orphaned by a killed supervisor still
 * holds the cluster. Either way: stop the orphan, or drop a lock whose owner is not a postmaster.
 */
export async function recoverStaleLock(dataDir: string, log: (line: string) => void): Promise<void> {
  const lockFile = join(dataDir, "postmaster.pid");
  let pid: number;
  try {
    pid = Number.parseInt((await readFile(lockFile, "utf8")).split("\n")[0] ?? "", 10);
  } catch {
    return; // no lock: clean previous shutdown
  }
  if (!Number.isInteger(pid) || pid <= 0) {
    await rm(lockFile, { force: true });
    return;
  }
  const command = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => null);
  if (command === null) {
    log(`removing stale ${lockFile} (pid ${pid} is gone)`);
    await rm(lockFile, { force: true });
    return;
  }
  if (!command.includes("postgres") || !command.includes(dataDir)) {
    log(`removing stale ${lockFile} (pid ${pid} is not this cluster's postmaster)`);
    await rm(lockFile, { force: true });
    return;
  }
  log(`stopping orphaned postmaster ${pid} left by a previous run`);
  process.kill(pid, "SIGINT"); // fast shutdown: aborts sessions, writes a checkpoint
  for (let waited = 0; waited < 30_000; waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
    if ((await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => null)) === null) return;
  }
  throw new Error(`An orphaned PostgreSQL (pid ${pid}) still holds ${dataDir} after 30 s; stop it and retry.`);
}
