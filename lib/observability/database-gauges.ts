import { Gauge } from "prom-client";
import type { Db } from "../db";
import { JOURNEY_STATUSES } from "../journey/status";
import { outboxBacklog } from "../outbox/backlog";
import type { RecourseMetrics } from "./registry";

/** Compliance blocks are reported over this trailing window, which the (decision, evaluated_at) index serves. */
const BLOCK_WINDOW_HOURS = 24;

/**
 * Gauges read from PostgreSQL at scrape time: journeys by state, compliance blocks by reason over
 * the last 24 h, and the outbox relay's lag. Register them in one kind of process only (the console
 * and the core workers do; voice and llm workers do not), and aggregate with max() across replicas.
 * Idempotent per registry.
 */
export function registerDatabaseGauges(metrics: RecourseMetrics, db: Db): void {
  const { registry } = metrics;
  if (registry.getSingleMetric("recourse_journeys")) return;
  new Gauge({
    name: "recourse_journeys",
    help: "Journeys (enrollments) by state.",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      const rows = await db.enrollment.groupBy({ by: ["journeyStatus"], _count: { _all: true } });
      const counts = new Map(rows.map((r) => [r.journeyStatus, r._count._all]));
      // Every state is reported, zeros included, so a state that empties drops to 0 rather than vanishing.
      for (const state of JOURNEY_STATUSES) this.set({ state }, counts.get(state) ?? 0);
    },
  });
  new Gauge({
    name: "recourse_compliance_blocks_24h",
    help: `Dials the compliance gate denied in the last ${BLOCK_WINDOW_HOURS} h, by reason code (a denial with several reasons counts under each).`,
    labelNames: ["code"],
    registers: [registry],
    async collect() {
      const rows = await db.$queryRaw<{ code: string; n: number }[]>`
        SELECT r->>'code' AS code, count(*)::int AS n
          FROM compliance_decisions d, jsonb_array_elements(d.reasons) r
         WHERE d.decision = 'DENY' AND d.evaluated_at > now() - make_interval(hours => ${BLOCK_WINDOW_HOURS})
         GROUP BY 1`;
      this.reset();
      for (const row of rows) this.set({ code: row.code ?? "unknown" }, row.n);
    },
  });
  // Each outbox gauge runs the (indexed, one-row) backlog query itself: collects run concurrently.
  new Gauge({ name: "recourse_outbox_backlog_events", help: "Outbox events not yet published to Hatchet.", registers: [registry], async collect() { this.set((await outboxBacklog(db)).count); } });
  new Gauge({ name: "recourse_outbox_lag_seconds", help: "Age of the oldest unpublished outbox event (0 when none).", registers: [registry], async collect() { this.set((await outboxBacklog(db)).oldestAgeMs / 1000); } });
  new Gauge({ name: "recourse_outbox_retrying_events", help: "Unpublished outbox events that failed at least once.", registers: [registry], async collect() { this.set((await outboxBacklog(db)).retrying); } });
}
