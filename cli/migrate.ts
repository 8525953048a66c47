import { withMigratedDatabase } from "./with-database";

/** `npm run db:deploy`: what `prisma migrate deploy` does, offline. */
export async function migrate(): Promise<void> {
  await withMigratedDatabase(async () => undefined);
  console.log("database schema is up to date");
}
