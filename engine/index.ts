/**
 * The embedded Hatchet-compatible engine: a gRPC + REST server over PostgreSQL that the
 * unmodified @hatchet-dev/typescript-sdk talks to as it would to Hatchet. It knows nothing of
 * the product using it. Spec: shared/hatchet-engine-protocol.md.
 */
import pg from "pg";
import { loadOrCreateTenant, mintToken, tokenVerifier } from "./auth";
import { systemClock, type Clock } from "./clock";
import { Scheduler } from "./core/scheduler";
import { applyFiredConditions } from "./core/conditions-fired";
import { DurableTasks } from "./durable/service";
import type { EngineContext } from "./grpc/context";
import { startGrpcServer } from "./grpc/server";
import { Hub } from "./hub";
import { startRestServer } from "./rest/server";
import { migrateEngineSchema } from "./store/migrate";

export { VirtualClock, systemClock, type Clock } from "./clock";

/** Above the SDK's 4 s heartbeat plus a late beat's slack, or live workers would look lost. */
const MIN_WORKER_LOSS_TIMEOUT_MS = 5_000;

export interface EngineOptions {
  databaseUrl: string;
  /** 0 picks a free port. */
  grpcPort: number;
  restPort: number;
  clock?: Clock;
  /** Silence after which a worker's tasks are reassigned; Hatchet uses 30 s. The SDK beats every 4 s. */
  workerLossTimeoutMs?: number;
  /** An assignment never acknowledged with STARTED within this is handed out again; default 30 s. */
  assignmentAckTimeoutMs?: number;
  /** How often timers (backoff, timeouts, lost workers) are checked. */
  sweepIntervalMs?: number;
  /** Connections to PostgreSQL. */
  poolSize?: number;
}

export interface RunningEngine {
  /** Bearer token for HATCHET_CLIENT_TOKEN. */
  token: string;
  tenantId: string;
  /** host:port for HATCHET_CLIENT_HOST_PORT. */
  grpcAddress: string;
  /** Base URL for HATCHET_CLIENT_API_URL. */
  apiUrl: string;
  /** The variables an SDK client needs, ready to export. */
  clientEnv: Record<string, string>;
  stop(): Promise<void>;
}

export async function startEngine(options: EngineOptions): Promise<RunningEngine> {
  const clock = options.clock ?? systemClock;
  if (options.workerLossTimeoutMs !== undefined && options.workerLossTimeoutMs < MIN_WORKER_LOSS_TIMEOUT_MS) {
    throw new RangeError(`workerLossTimeoutMs must be at least ${MIN_WORKER_LOSS_TIMEOUT_MS} ms: SDK workers send a heartbeat every 4 s`);
  }
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 20 });
  pool.on("error", (error) => console.error("[engine] idle database connection failed:", error.message));
  try {
    await migrateEngineSchema(pool);
    const { tenantId, secret } = await loadOrCreateTenant(pool);
    const verify = tokenVerifier(secret, tenantId);
    const hub = new Hub();
    const core = { pool, hub, clock, tenantId };
    const durable = new DurableTasks(core);
    durable.onDagFired = (client, fired) => applyFiredConditions(client, clock, fired);
    const ctx: EngineContext = { ...core, durable };
    const scheduler = new Scheduler(pool, hub, clock, {
      tenantId,
      workerLossTimeoutMs: options.workerLossTimeoutMs ?? 30_000,
      assignmentAckTimeoutMs: options.assignmentAckTimeoutMs ?? 30_000,
      sweepIntervalMs: options.sweepIntervalMs ?? 1_000,
      afterSweep: () => durable.sweep(),
    });
    const grpc = await startGrpcServer(ctx, verify, options.grpcPort);
    const rest = await startRestServer(ctx, verify, options.restPort);
    const grpcAddress = `127.0.0.1:${grpc.port}`;
    const apiUrl = `http://127.0.0.1:${rest.port}`;
    const token = await mintToken(secret, tenantId, { apiUrl, grpcAddress });
    scheduler.start();
    durable.start();
    return {
      token,
      tenantId,
      grpcAddress,
      apiUrl,
      clientEnv: { HATCHET_CLIENT_TOKEN: token, HATCHET_CLIENT_HOST_PORT: grpcAddress, HATCHET_CLIENT_API_URL: apiUrl, HATCHET_CLIENT_TLS_STRATEGY: "none" },
      async stop() {
        scheduler.stop();
        durable.stop();
        hub.closeAll();
        await grpc.close();
        rest.server.closeAllConnections();
        await new Promise<void>((resolve) => rest.server.close(() => resolve()));
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
}
