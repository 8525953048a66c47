import type pg from "pg";
import type { Clock } from "../clock";
import type { Hub } from "../hub";

/** What every gRPC and REST handler needs. */
export interface EngineContext {
  pool: pg.Pool;
  hub: Hub;
  clock: Clock;
  tenantId: string;
}
