import type pg from "pg";

/** A concurrency entry with the key computed for one run or task (see core/trigger.ts). */
export interface HeldKey {
  key: string;
  maxRuns: number;
  strategy: string;
}

export interface GateCandidate {
  id: string;
  runId: string;
  priority: number;
  queuedAt: Date;
  /** The run already holds its workflow-level keys (one of its tasks was assigned). */
  runAdmitted: boolean;
  runKeys: HeldKey[];
  taskKeys: HeldKey[];
}

interface Entry extends HeldKey {
  level: "run" | "task";
}

/**
 * Hatchet's concurrency strategies for one scheduling pass (spec §11.5). A key's holders are the
 * admitted runs (workflow level) or running tasks (task level) that carry it; `maxRuns` of them
 * may exist at once.
 *
 * - GROUP_ROUND_ROBIN: queued work waits until its key has room, best first (priority, then age).
 * - CANCEL_NEWEST: the same, but what finds its key full is cancelled instead of waiting.
 * - CANCEL_IN_PROGRESS: the newest `maxRuns` win; older queued work and the oldest holders
 *   (running included) are cancelled to make room.
 * - CANCEL_QUEUED_EXCEPT_NEWEST / _OLDEST (Hatchet v0.105.16, a debounce): holders run on; of the
 *   queued work, what fits the free room starts and one more waits — the newest (or oldest) —
 *   and every other queued item is cancelled.
 *
 * Entries are checked in chain order and all must have room.
 */
export class ConcurrencyGate {
  readonly cancelRuns = new Set<string>();
  readonly cancelTasks = new Set<string>();
  private readonly used = new Map<string, number>();
  private readonly admittedRuns = new Set<string>();
  private readonly reserved = new Set<string>();
  /** Keys with a queued-except strategy, and the runs or tasks chosen to start now under each. */
  private readonly chosen = new Map<string, Set<string>>();

  private constructor() {}

  private entries(candidate: GateCandidate): Entry[] {
    const runLevel = candidate.runAdmitted || this.admittedRuns.has(candidate.runId) ? [] : candidate.runKeys.map((k) => ({ ...k, level: "run" as const }));
    return [...runLevel, ...candidate.taskKeys.map((k) => ({ ...k, level: "task" as const }))];
  }

  private cancel(candidate: GateCandidate, level: "run" | "task"): void {
    if (level === "run") this.cancelRuns.add(candidate.runId);
    else this.cancelTasks.add(candidate.id);
  }

  private cancelled(candidate: GateCandidate): boolean {
    return this.cancelRuns.has(candidate.runId) || this.cancelTasks.has(candidate.id);
  }

  static async plan(client: pg.PoolClient, candidates: GateCandidate[]): Promise<ConcurrencyGate> {
    const gate = new ConcurrencyGate();
    const keyed = candidates.filter((c) => gate.entries(c).length > 0);
    if (keyed.length === 0) return gate;
    const keys = [...new Set(keyed.flatMap((c) => gate.entries(c).map((e) => e.key)))];
    const holders = new Map<string, { id: string; level: "run" | "task" }[]>();
    const load = async (sql: string, level: "run" | "task") => {
      const { rows } = await client.query<{ key: string; ids: string[] }>(sql, [keys]);
      for (const row of rows) holders.set(row.key, [...(holders.get(row.key) ?? []), ...row.ids.map((id) => ({ id, level }))]);
    };
    // `concurrency_keys <> '{}'`: the predicate of the holders' partial GIN indexes.
    await load(
      `SELECT k AS key, array_agg(r.id ORDER BY r.created_at) AS ids FROM hatchet.runs r, unnest(r.concurrency_keys) k
       WHERE r.status = 'RUNNING' AND r.concurrency_keys <> '{}' AND r.concurrency_keys && $1::text[] AND k = ANY($1) GROUP BY k`,
      "run",
    );
    await load(
      `SELECT k AS key, array_agg(t.id ORDER BY t.assigned_at) AS ids FROM hatchet.tasks t, unnest(t.concurrency_keys) k
       WHERE t.status = 'RUNNING' AND t.concurrency_keys <> '{}' AND t.concurrency_keys && $1::text[] AND k = ANY($1) GROUP BY k`,
      "task",
    );
    for (const key of keys) gate.used.set(key, holders.get(key)?.length ?? 0);

    // CANCEL_IN_PROGRESS: decided per key before anything is admitted.
    const inProgressKeys = new Map<string, Entry>();
    for (const candidate of keyed) for (const entry of gate.entries(candidate)) if (entry.strategy === "CANCEL_IN_PROGRESS") inProgressKeys.set(entry.key, entry);
    for (const [key, entry] of inProgressKeys) {
      const contenders = keyed
        .filter((c) => gate.entries(c).some((e) => e.key === key))
        .sort((a, b) => b.priority - a.priority || b.queuedAt.getTime() - a.queuedAt.getTime());
      const keep = contenders.slice(0, entry.maxRuns);
      for (const loser of contenders.slice(entry.maxRuns)) gate.cancel(loser, entry.level);
      const excess = Math.max(0, (gate.used.get(key) ?? 0) + keep.length - entry.maxRuns);
      for (const holder of (holders.get(key) ?? []).slice(0, excess)) {
        if (holder.level === "run") gate.cancelRuns.add(holder.id);
        else gate.cancelTasks.add(holder.id);
      }
      gate.used.set(key, (gate.used.get(key) ?? 0) - excess);
    }

    // CANCEL_QUEUED_EXCEPT_*: the free room starts (newest or oldest first), one more waits, the rest go.
    const debounced = new Map<string, Entry>();
    for (const candidate of keyed) for (const entry of gate.entries(candidate)) if (entry.strategy.startsWith("CANCEL_QUEUED_EXCEPT_")) debounced.set(entry.key, entry);
    for (const [key, entry] of debounced) {
      const newestFirst = entry.strategy === "CANCEL_QUEUED_EXCEPT_NEWEST";
      const byUnit = new Map<string, GateCandidate>();
      for (const c of keyed) if (!gate.cancelled(c) && gate.entries(c).some((e) => e.key === key)) byUnit.set(entry.level === "run" ? c.runId : c.id, c);
      const contenders = [...byUnit.entries()].sort(([, a], [, b]) => (newestFirst ? b.queuedAt.getTime() - a.queuedAt.getTime() : a.queuedAt.getTime() - b.queuedAt.getTime()));
      const free = Math.max(0, entry.maxRuns - (gate.used.get(key) ?? 0));
      gate.chosen.set(key, new Set(contenders.slice(0, free).map(([unit]) => unit)));
      for (const [, loser] of contenders.slice(free + 1)) gate.cancel(loser, entry.level);
    }
    return gate;
  }

  /** May this queued task be assigned now? A CANCEL_NEWEST loser is marked for cancelling. */
  allows(candidate: GateCandidate): boolean {
    if (this.cancelled(candidate)) return false;
    const entries = this.entries(candidate);
    for (const entry of entries) {
      const chosen = this.chosen.get(entry.key);
      if (chosen && !chosen.has(entry.level === "run" ? candidate.runId : candidate.id)) return false;
      if ((this.used.get(entry.key) ?? 0) < entry.maxRuns) continue;
      if (entry.strategy === "CANCEL_NEWEST") this.cancel(candidate, entry.level);
      return false;
    }
    // CANCEL_NEWEST holds the place as soon as it passes: later arrivals in this pass find it taken.
    if (!this.reserved.has(candidate.id)) {
      for (const entry of entries) if (entry.strategy === "CANCEL_NEWEST") this.used.set(entry.key, (this.used.get(entry.key) ?? 0) + 1);
      this.reserved.add(candidate.id);
    }
    return true;
  }

  /** The task was assigned: its keys are held, its run admitted. */
  picked(candidate: GateCandidate): void {
    for (const entry of this.entries(candidate)) if (entry.strategy !== "CANCEL_NEWEST") this.used.set(entry.key, (this.used.get(entry.key) ?? 0) + 1);
    this.admittedRuns.add(candidate.runId);
  }
}
