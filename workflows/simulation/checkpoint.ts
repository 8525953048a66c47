import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { z } from "zod";

/**
 * Where a long simulation stands, written at every settled clock step so that it can be paused
 * (or its machine lost) and resumed later on the same database: everything else it needs (the
 * portfolio, the ledger, the engine's runs and waits) is in PostgreSQL already.
 */
export const simulationCheckpointSchema = z.object({
  accounts: z.number().int().positive(),
  days: z.number().positive(),
  seed: z.number().int(),
  /** The workers' Hatchet namespace: the runs in the engine belong to its workflow names. */
  namespace: z.string().min(1),
  campaignId: z.string().min(1),
  /** The virtual instant the campaign launched at. */
  startedAt: z.coerce.date(),
  /** The virtual clock at the last settled step. */
  clockAt: z.coerce.date(),
  steps: z.number().int().nonnegative(),
  /** Wall time spent over all the sessions so far. */
  realSeconds: z.number().nonnegative(),
  sessions: z.number().int().positive(),
});
export type SimulationCheckpoint = z.infer<typeof simulationCheckpointSchema>;

export interface CheckpointStore {
  load(): SimulationCheckpoint | undefined;
  save(checkpoint: SimulationCheckpoint): void;
}

/** A checkpoint kept as one JSON file, replaced atomically (a crash mid-write leaves the old one). */
export function checkpointFile(path: string): CheckpointStore {
  return {
    load() {
      let text: string;
      try {
        text = readFileSync(path, "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
      const parsed = simulationCheckpointSchema.safeParse(JSON.parse(text));
      if (!parsed.success) throw new Error(`${path} is not a simulation checkpoint: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
      return parsed.data;
    },
    save(checkpoint) {
      writeFileSync(`${path}.tmp`, `${JSON.stringify(checkpoint, null, 2)}\n`);
      renameSync(`${path}.tmp`, path);
    },
  };
}
