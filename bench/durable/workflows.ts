import type { HatchetClient } from "@hatchet-dev/typescript-sdk/v1";

/**
 * The durable benchmark's tasks, declared by the worker (which runs them) and by the bench (which
 * triggers them). Each reports, in its output, the worker's clock when it resumed.
 */
export function durableBenchWorkflows(hatchet: HatchetClient) {
  const awaitEvent = hatchet.durableTask({
    name: "bench-await-event",
    executionTimeout: "1h",
    fn: async (input: { scope: string }, ctx) => {
      await ctx.waitForEvent("bench:paid", "", undefined, input.scope);
      return { resumedAt: Date.now() };
    },
  });
  const sleeper = hatchet.durableTask({
    name: "bench-sleep",
    executionTimeout: "1h",
    fn: async (input: { seconds: number }, ctx) => {
      // Asked before the wait is written: lateness below is over-, never under-stated.
      const askedAt = Date.now();
      await ctx.sleepFor(`${input.seconds}s`);
      return { latenessMs: Date.now() - (askedAt + input.seconds * 1000) };
    },
  });
  return { awaitEvent, sleeper };
}
