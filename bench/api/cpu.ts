/**
 * CPU time spent by a process (and by a PostgreSQL cluster's backends), read from /proc: on a
 * machine shared with other work, latency says how long a request waited, CPU per request says
 * what it cost, and the second is what a change to the code moves.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/**
 * ppid, own user + system CPU ms, and that of its exited and reaped children (cutime + cstime),
 * from the fields after the parenthesised command name.
 */
function stat(pid: number, thread?: number): { ppid: number; ownMs: number; reapedMs: number } | undefined {
  try {
    const text = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, "utf8");
    const f = text.slice(text.lastIndexOf(")") + 2).split(" ").map(Number);
    const ms = (ticks: number) => (ticks * 1000) / TICKS_PER_SECOND;
    return { ppid: f[1]!, ownMs: ms(f[11]! + f[12]!), reapedMs: ms(f[13]! + f[14]!) };
  } catch {
    return undefined; // exited meanwhile
  }
}

/** Every thread of the process: the event loop, GC helpers, the libuv pool. */
export function processCpuMs(pid: number): number {
  return stat(pid)?.ownMs ?? NaN;
}

/** The main thread alone (its tid is the pid): the event loop, which one process cannot spread over cores. */
export function mainThreadCpuMs(pid: number): number {
  return stat(pid, pid)?.ownMs ?? NaN;
}

/**
 * The CPU of a cluster: the postmaster, its live children (backends, writer, WAL, autovacuum) and
 * the children it has reaped, so a backend that exits mid-run still counts.
 */
export function clusterCpuMs(postmaster: number): number {
  const root = stat(postmaster);
  if (!root) return NaN;
  let total = root.ownMs + root.reapedMs;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const s = stat(Number(entry));
    if (s?.ppid === postmaster) total += s.ownMs;
  }
  return total;
}

export function parentPid(pid: number): number {
  return stat(pid)?.ppid ?? NaN;
}
