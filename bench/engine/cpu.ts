/**
 * CPU time used by the benchmark's processes, read from /proc. On a shared machine runs/s swing
 * with the other load; CPU milliseconds per run barely do, so they show what a change saved.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime (and, with `children`, cutime + cstime of exited children) in ms. */
function processCpuMs(pid: number, children = false): number {
  try {
    // The command name (field 2) may contain spaces: split after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17.
    const ticks = Number(fields[11]) + Number(fields[12]) + (children ? Number(fields[13]) + Number(fields[14]) : 0);
    return (ticks * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0; // gone
  }
}

function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return -1;
  }
}

/**
 * A PostgreSQL cluster's CPU: the postmaster (with the backends that exited) plus its live
 * children (backends, checkpointer, WAL writer, …).
 */
export function clusterCpuMs(dataDir: string): number {
  const postmaster = Number(readFileSync(join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  let total = processCpuMs(postmaster, true);
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (Number.isInteger(pid) && parentOf(pid) === postmaster) total += processCpuMs(pid);
  }
  return total;
}

export function cpuMs(pid: number): number {
  return processCpuMs(pid);
}
