import type { Hatchet } from "./client";

/**
 * Replays a run, or one task step of it: the engine runs the failed (or given) tasks again
 * with their original input. Returns the ids the engine says it replayed.
 */
export async function replayRun(hatchet: Hatchet, ids: string[]): Promise<string[]> {
  const response = await hatchet.runs.replay({ ids });
  return response.data.ids ?? ids;
}
