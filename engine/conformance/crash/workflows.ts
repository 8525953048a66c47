import { appendFileSync } from "node:fs";
import type { HatchetClient } from "@hatchet-dev/typescript-sdk/v1";

/**
 * Workflows for the crash tests, declared by the worker processes (which run them) and by the
 * test (which triggers them). Every execution is appended to a log file, so the test can count
 * how often each task really ran.
 */
export function crashWorkflows(hatchet: HatchetClient, options: { workerName: string; logFile: string }) {
  const log = (what: string, taskId: string, retryCount: number) => appendFileSync(options.logFile, `${what} ${taskId} ${retryCount} ${options.workerName}\n`);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  const slow = hatchet.task({
    name: "crash-slow",
    retries: 0,
    executionTimeout: "2m",
    fn: async (input: { ms: number }, ctx) => {
      log("start", ctx.taskRunExternalId(), ctx.retryCount());
      await sleep(input.ms);
      log("done", ctx.taskRunExternalId(), ctx.retryCount());
      return { worker: options.workerName };
    },
  });

  const chain = hatchet.workflow<{ n: number }>({ name: "crash-chain" });
  const step = (name: string) => async (input: { n: number }, ctx: { taskRunExternalId(): string; retryCount(): number }) => {
    log("start", ctx.taskRunExternalId(), ctx.retryCount());
    await sleep(150);
    log("done", ctx.taskRunExternalId(), ctx.retryCount());
    return { step: name, n: input.n };
  };
  const first = chain.task({ name: "first", retries: 0, fn: step("first") });
  const second = chain.task({ name: "second", retries: 0, parents: [first], fn: step("second") });
  chain.task({
    name: "third",
    retries: 0,
    parents: [second],
    fn: async (input, ctx) => ({ ...(await step("third")(input, ctx)), fromSecond: (await ctx.parentOutput(second)).step }),
  });
  return { slow, chain };
}
