import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, parse, resolve } from "node:path";

/**
 * Where the embedded cluster lives. As root, Postgres runs as the `postgres` user, which must be
 * able to walk into every parent of its folder; a project under a private (0700) folder gets a
 * cluster under the OS temp folder instead, keyed by the project's path so restarts find it.
 */
export function resolvePgDataDir(dataDir: string, warn: (message: string) => void): string {
  const wanted = resolve(dataDir, "pg");
  mkdirSync(dirname(wanted), { recursive: true, mode: 0o755 });
  if (process.getuid?.() !== 0 || isTraversable(dirname(wanted))) return wanted;
  const fallback = join(tmpdir(), `recourse-pg-${createHash("sha256").update(wanted).digest("hex").slice(0, 12)}`);
  mkdirSync(fallback, { recursive: true, mode: 0o755 });
  chmodSync(fallback, 0o755);
  warn(`${dirname(wanted)} is not reachable by the 'postgres' user (a parent folder is private); keeping the database in ${fallback} instead.`);
  return join(fallback, "pg");
}

function isTraversable(folder: string): boolean {
  let current = resolve(folder);
  const { root } = parse(current);
  while (current !== root) {
    if ((statSync(current).mode & 0o001) === 0) return false;
    current = dirname(current);
  }
  return true;
}
