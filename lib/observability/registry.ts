import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * The process's Prometheus metrics (served at /metrics by the console and every worker). Counters
 * count what this process did, so Prometheus sums them across replicas; the database-derived gauges
 * (journeys by state, compliance blocks, outbox lag) are registered only by the processes that
 * report them (registerDatabaseGauges), so a scaled-out stack does not multiply them.
 */
export interface RecourseMetrics {
  readonly registry: Registry;
  /** Dial steps that returned, by result (answered, not_connected, already_ended). */
  readonly dials: Counter<"status">;
  /** Recorded call outcomes, by outcome (RIGHT_PARTY_PROMISE, NO_ANSWER …). */
  readonly callOutcomes: Counter<"outcome">;
  /** Wall time of each workflow step's side effect, by step name and result (ok, error). */
  readonly stepDuration: Histogram<"step" | "result">;
}

const globalForMetrics = globalThis as unknown as { recourseMetrics?: RecourseMetrics };

/** The process's metrics, created once (a Next.js dev reload keeps the same registry). */
export function recourseMetrics(): RecourseMetrics {
  globalForMetrics.recourseMetrics ??= createMetrics();
  return globalForMetrics.recourseMetrics;
}

function createMetrics(): RecourseMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "recourse_" });
  return {
    registry,
    dials: new Counter({ name: "recourse_dials_total", help: "Dial steps completed, by result.", labelNames: ["status"], registers: [registry] }),
    callOutcomes: new Counter({ name: "recourse_call_outcomes_total", help: "Call outcomes recorded, by outcome.", labelNames: ["outcome"], registers: [registry] }),
    stepDuration: new Histogram({
      name: "recourse_step_duration_seconds",
      help: "Duration of a workflow step's side effect, by step and result.",
      labelNames: ["step", "result"],
      // Plan and finish steps take milliseconds; a dial waits on the SIP provider for up to a ringing timeout.
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers: [registry],
    }),
  };
}
