import { after, before } from "node:test";
import { createDb, type Db } from "../db";
import { createTestDatabase, type TestDatabase } from "./database";

export interface MigratedDb {
  /** The Prisma client, set once the suite's `before` hook has run. */
  readonly db: Db;
  readonly url: string;
  /** The client, once created (file-level `before` hooks do not wait for one another). */
  ready(): Promise<Db>;
}

/**
 * A fresh migrated database and a Prisma client for the current suite: created in its `before`
 * hook, disconnected and dropped in its `after` hook. Call it at the top of a file or a describe.
 */
export function useMigratedDb(): MigratedDb {
  let database: TestDatabase | undefined;
  let client: Db | undefined;
  let created!: (db: Db) => void;
  let failed!: (error: unknown) => void;
  const ready = new Promise<Db>((resolve, reject) => {
    created = resolve;
    failed = reject;
  });
  ready.catch(() => undefined); // reported by the hook itself
  before(async () => {
    try {
      database = await createTestDatabase({ migrate: true });
      client = createDb(database.url);
      created(client);
    } catch (error) {
      failed(error);
      throw error;
    }
  });
  after(async () => {
    await client?.$disconnect();
    await database?.drop();
  });
  return {
    ready: () => ready,
    get db() {
      if (!client) throw new Error("useMigratedDb: the database exists only once the suite's before hook has run");
      return client;
    },
    get url() {
      if (!database) throw new Error("useMigratedDb: the database exists only once the suite's before hook has run");
      return database.url;
    },
  };
}
