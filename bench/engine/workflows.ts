import type { HatchetClient } from "@hatchet-dev/typescript-sdk/v1";

/** The benchmark's workflows: one task, and a chain a → b → c. Each run reports when it started. */
export function benchWorkflows(hatchet: HatchetClient) {
  const single = hatchet.task({ name: "bench-single", fn: () => ({ startedAt: Date.now() }) });
  const dag = hatchet.workflow({ name: "bench-dag" });
  const a = dag.task({ name: "a", fn: () => ({ startedAt: Date.now() }) });
  const b = dag.task({ name: "b", parents: [a], fn: async (_input, ctx) => ({ from: (await ctx.parentOutput(a)).startedAt }) });
  dag.task({ name: "c", parents: [b], fn: async (_input, ctx) => ({ from: (await ctx.parentOutput(b)).from }) });
  return [single, dag];
}
