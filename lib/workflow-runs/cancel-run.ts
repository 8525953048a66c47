import type { Hatchet } from "./client";

/** Cancels a run, or one task step of it; cancelled tasks run their cancellation handlers. */
export async function cancelRun(hatchet: Hatchet, ids: string[]): Promise<string[]> {
  const response = await hatchet.runs.cancel({ ids });
  return response.data.ids ?? ids;
}
