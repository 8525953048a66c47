import type pg from "pg";
import type { Clock } from "../clock";
import type { DurableTasks } from "../durable/service";
import type { Hub } from "../hub";

/** What the engine's parts share. */
export interface EngineCore {
  pool: pg.Pool;
  hub: Hub;
  clock: Clock;
  tenantId: string;
}

/** What every gRPC and REST handler needs. */
export interface EngineContext extends EngineCore {
  durable: DurableTasks;
}
