import type pg from "pg";

export interface SlotWorker {
  id: string;
  actions: string[];
  slot_config: Record<string, number>;
}

/** One queue the scheduler reads: tasks of an action that take slots of a type. */
export interface QueueGroup {
  actionId: string;
  slotType: string;
  /** Free slots of that type on the workers that run the action: at most this many can start. */
  capacity: number;
}

/**
 * Free slots per worker and slot type: each listening, unpaused, live worker's slot config minus
 * what its running tasks take (evicted durable tasks and released slots take none).
 */
export class Slots {
  private constructor(
    readonly workers: SlotWorker[],
    private readonly free: Map<string, number>,
  ) {}

  static async load(client: pg.Pool | pg.PoolClient, listening: string[], freshSince: Date): Promise<Slots> {
    const { rows: workers } = await client.query<SlotWorker>(
      "SELECT id, actions, slot_config FROM hatchet.workers WHERE id = ANY($1) AND NOT paused AND last_heartbeat_at >= $2 ORDER BY id",
      [listening, freshSince],
    );
    const free = new Map<string, number>();
    if (workers.length === 0) return new Slots(workers, free);
    const { rows: usage } = await client.query<{ worker_id: string; slot_type: string; used: number }>(
      "SELECT worker_id, slot_type, sum(slot_cost)::int AS used FROM hatchet.tasks WHERE status = 'RUNNING' AND worker_id = ANY($1) GROUP BY 1, 2",
      [workers.map((w) => w.id)],
    );
    for (const worker of workers) for (const [type, slots] of Object.entries(worker.slot_config)) free.set(`${worker.id}/${type}`, slots);
    for (const row of usage) free.set(`${row.worker_id}/${row.slot_type}`, (free.get(`${row.worker_id}/${row.slot_type}`) ?? 0) - row.used);
    return new Slots(workers, free);
  }

  freeOn(workerId: string, slotType: string): number {
    return this.free.get(`${workerId}/${slotType}`) ?? 0;
  }

  take(workerId: string, slotType: string, cost: number): void {
    this.free.set(`${workerId}/${slotType}`, this.freeOn(workerId, slotType) - cost);
  }

  /** Workers that run the action and have `cost` free slots of the type. */
  eligible(actionId: string, slotType: string, cost: number): SlotWorker[] {
    return this.workers.filter((w) => this.freeOn(w.id, slotType) >= cost && w.actions.includes(actionId));
  }

  /**
   * The queues worth reading now: every (action, slot type) with a free slot on a worker that runs
   * the action. A queue whose slots are all taken is not read at all, so what waits in it never
   * stands in front of work that could start.
   */
  groups(): QueueGroup[] {
    const capacity = new Map<string, QueueGroup>();
    for (const worker of this.workers) {
      for (const slotType of Object.keys(worker.slot_config)) {
        const free = this.freeOn(worker.id, slotType);
        if (free <= 0) continue;
        for (const actionId of worker.actions) {
          const key = `${actionId}\u0000${slotType}`;
          const group = capacity.get(key);
          if (group) group.capacity += free;
          else capacity.set(key, { actionId, slotType, capacity: free });
        }
      }
    }
    return [...capacity.values()];
  }
}
