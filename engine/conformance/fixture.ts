import { randomUUID } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "../../lib/testing/database";
import type { Clock } from "../clock";
import { startEngine, type RunningEngine } from "../index";

export interface EngineFixture {
  engine: RunningEngine;
  database: TestDatabase;
  stop(): Promise<void>;
}

/**
 * A fresh database and engine, with the SDK's environment pointed at it. Set before any example
 * module is imported: importing one runs HatchetClient.init(), which reads these variables.
 */
export async function startEngineFixture(options: { workerLossTimeoutMs?: number; clock?: Clock } = {}): Promise<EngineFixture> {
  const database = await createTestDatabase();
  const engine = await startEngine({ databaseUrl: database.url, grpcPort: 0, restPort: 0, sweepIntervalMs: 200, workerLossTimeoutMs: options.workerLossTimeoutMs, clock: options.clock });
  Object.assign(process.env, engine.clientEnv, {
    HATCHET_CLIENT_NAMESPACE: `t${randomUUID().slice(0, 8)}`,
    HATCHET_CLIENT_LOG_LEVEL: "ERROR",
  });
  return {
    engine,
    database,
    async stop() {
      await engine.stop();
      await database.drop();
    },
  };
}
