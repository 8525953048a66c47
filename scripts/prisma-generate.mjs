// `prisma generate` without a network. Prisma 7's CLI wants a native schema engine, which it
// downloads on first use; generate does not actually need it, so point the CLI at a stand-in that
// fails loudly should anything call it (a silent stand-in would let `migrate` "succeed" doing
// nothing). Runs as postinstall and as `npm run db:generate`.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

const require = createRequire(import.meta.url);
let cli;
try {
  cli = require.resolve("prisma/build/index.js");
} catch {
  // `npm ci --omit=dev` has no Prisma CLI: the generated client must then come from the build.
  console.log("prisma-generate: the Prisma CLI is not installed; skipping");
  process.exit(0);
}
if (!existsSync("prisma/schema.prisma")) process.exit(0);

const folder = mkdtempSync(join(tmpdir(), "recourse-prisma-"));
const standIn = join(folder, "schema-engine");
writeFileSync(
  standIn,
  '#!/bin/sh\necho "schema-engine stand-in: the native Prisma schema engine is not available offline; use npm run db:migrate / db:deploy" >&2\nexit 1\n',
);
chmodSync(standIn, 0o755);
const result = spawnSync(process.execPath, [cli, "generate", "--schema", "prisma/schema.prisma"], {
  stdio: ["ignore", "pipe", "pipe"],
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: standIn, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});
rmSync(folder, { recursive: true, force: true });
if (result.status !== 0) {
  process.stdout.write(result.stdout ?? "");
  process.stderr.write(result.stderr ?? "");
  console.error("prisma-generate: prisma generate failed");
  process.exit(result.status ?? 1);
}
