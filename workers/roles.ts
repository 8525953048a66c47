import { allWorkflows } from "../workflows/index";
import type { ScaledRole, WorkerRole } from "./role-names";

/**
 * Which workflows each worker role serves. The split follows what a task waits on, so each pool can
 * be sized on its own: `voice` places calls through LiveKit (slow SIP I/O, provider rate limits),
 * `llm` summarizes transcripts (slow, paid HTTP calls), and `core` runs everything else — the
 * durable journeys and call attempts, planning against PostgreSQL, campaign launches, webhook
 * delivery — plus the outbox relay. `core` is defined as "not voice, not llm", so a workflow added
 * to allWorkflows is served by core until it is listed elsewhere, and never by nobody.
 */
export { SCALED_ROLES, type ScaledRole, type WorkerRole } from "./role-names";

/** Workflow names served by voice and llm workers; everything else belongs to core. */
const EXPLICIT: Record<Exclude<ScaledRole, "core">, readonly string[]> = {
  voice: ["call-dial"],
  llm: ["call-finish"],
};

type Declaration = (typeof allWorkflows)[number];

export interface RoleProfile {
  role: WorkerRole;
  workflows: Declaration[];
  /** Concurrent task runs this worker takes. */
  slots: number;
  /** Concurrent durable runs (journeys and call attempts sleep in these until evicted). */
  durableSlots: number;
  /** Hatchet worker labels: dashboards group by them, and tasks may ask for them (affinity). */
  labels: Record<string, string>;
  /** Whether this process runs the outbox relay (one kind of process only: core, or the all-in-one). */
  runsOutboxRelay: boolean;
  /** Whether this process reports the database-derived gauges (journeys, blocks, outbox lag). */
  reportsDatabaseGauges: boolean;
}

/** Default slots per role: dials hold a slot while the phone rings; summaries while the LLM answers. */
const DEFAULT_SLOTS: Record<WorkerRole, { slots: number; durableSlots: number }> = {
  "all-in-one": { slots: 100, durableSlots: 1_000 },
  core: { slots: 100, durableSlots: 1_000 },
  voice: { slots: 50, durableSlots: 1 },
  llm: { slots: 20, durableSlots: 1 },
};

/** The workflows a role serves, from the given list (allWorkflows by default). */
export function workflowsForRole(role: WorkerRole, workflows: readonly Declaration[] = allWorkflows): Declaration[] {
  if (role === "all-in-one") return [...workflows];
  if (role === "core") {
    const elsewhere = new Set(Object.values(EXPLICIT).flat());
    return workflows.filter((w) => !elsewhere.has(w.name));
  }
  const names = new Set(EXPLICIT[role]);
  return workflows.filter((w) => names.has(w.name));
}

/** Everything a worker of this role registers and runs, with slot overrides from its settings. */
export function roleProfile(role: WorkerRole, overrides: { slots?: number | undefined; durableSlots?: number | undefined } = {}): RoleProfile {
  const defaults = DEFAULT_SLOTS[role];
  return {
    role,
    workflows: workflowsForRole(role),
    slots: overrides.slots ?? defaults.slots,
    durableSlots: overrides.durableSlots ?? defaults.durableSlots,
    labels: { role },
    runsOutboxRelay: role === "core" || role === "all-in-one",
    reportsDatabaseGauges: role === "core" || role === "all-in-one",
  };
}
