import { Or, SleepCondition, UserEventCondition } from "@hatchet-dev/typescript-sdk/v1/conditions";
import type { z } from "zod";
import { CallOutcomeSchema } from "../lib/contracts/call-outcome";
import { CallAttemptInputSchema, type CallAttemptResult } from "../lib/contracts/journey";
import { EVENT, SCOPE, WORKFLOW } from "../lib/contracts/names";
import { env } from "../lib/env";
import { hatchet } from "./hatchet-client";
import { parseInput } from "./run-step";
import { dialStep, finishStep } from "./steps";

/** How long after the longest allowed call the journey stops waiting for `call:ended`. */
const CALL_END_SLACK_SECONDS = 120;
/** The agent posts its transcript right after the call; give it this long. */
const TRANSCRIPT_WAIT_SECONDS = 120;

/**
 * One call: dial → wait for `call:ended` (scoped to the attempt, Or'd with a timeout) → wait for
 * the transcript → summarize and record the outcome. A durable task rather than a DAG because its
 * waits are scoped to this run's attempt, which a DAG's static conditions cannot name. Events that
 * arrive before a wait begins (a fast hang-up) are caught by lookback from the call's start.
 */
export const callAttempt = hatchet.durableTask<z.infer<typeof CallAttemptInputSchema>, CallAttemptResult>({
  name: WORKFLOW.callAttempt,
  executionTimeout: "1h",
  fn: async (raw, ctx) => {
    const input = parseInput(CallAttemptInputSchema, raw);
    const since = (await ctx.now()).toISOString();
    const dial = await dialStep.run(input);
    if (dial.status === "answered") {
      const scope = SCOPE.attempt(input.attemptId);
      await ctx.waitFor(
        Or(
          new UserEventCondition(EVENT.callEnded, "", "ended", undefined, scope, since),
          new SleepCondition(`${env().LIVEKIT_MAX_CALL_DURATION_S + CALL_END_SLACK_SECONDS}s`, "call-timeout"),
        ),
      );
      await ctx.waitFor(
        Or(new UserEventCondition(EVENT.transcriptReceived, "", "transcript", undefined, scope, since), new SleepCondition(`${TRANSCRIPT_WAIT_SECONDS}s`, "no-transcript")),
      );
    }
    const finished = await finishStep.run(input);
    return { attemptId: input.attemptId, outcome: CallOutcomeSchema.parse(finished.outcome), summarized: finished.summarized };
  },
});
