import { ensureFirstAdmin } from "./first-admin";
import { withMigratedDatabase } from "./with-database";
import { env } from "@/lib/env";
import { resolve } from "node:path";

/**
 * `npm run db:deploy`: what `prisma migrate deploy` does, offline. With `--first-admin` (the
 * docker-compose migration job) it also creates the first admin on a database with no operator,
 * printing its password once and keeping it in the data folder, as `npm start` does.
 */
export async function migrate(options: { firstAdmin?: boolean } = {}): Promise<void> {
  await withMigratedDatabase(async (url) => {
    if (!options.firstAdmin) return;
    const admin = await ensureFirstAdmin(url, resolve(env().RECOURSE_DATA_DIR));
    if (admin.created) console.log(`first-run admin: ${admin.email} / password ${admin.password} (also in ${admin.file})`);
    else console.log("an operator exists already: no first-run admin created");
  });
  console.log("database schema is up to date");
}
