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

/**
 * A durable task for the crash tests: logs when its sleep starts (first invocation only) and when
 * it wakes, with the invocation count.
 */
export function durableCrashWorkflow(hatchet: HatchetClient, options: { workerName: string; logFile: string }) {
  return hatchet.durableTask({
    name: "crash-durable-sleep",
    executionTimeout: "10m",
    fn: async (input: { sleep: string }, ctx) => {
      // ctx.now() is memoized: every invocation sees the first one's start.
      const startedAt = (await ctx.now()).getTime();
      if (ctx.invocationCount === 1) appendFileSync(options.logFile, `sleep ${ctx.taskRunExternalId()} ${ctx.invocationCount} ${options.workerName} ${startedAt}\n`);
      await ctx.sleepFor(input.sleep as Parameters<typeof ctx.sleepFor>[0]);
      const wokeAt = Date.now();
      appendFileSync(options.logFile, `woke ${ctx.taskRunExternalId()} ${ctx.invocationCount} ${options.workerName} ${wokeAt}\n`);
      return { worker: options.workerName, invocation: ctx.invocationCount, startedAt, wokeAt };
    },
  });
}
