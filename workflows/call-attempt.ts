import { Or, SleepCondition, UserEventCondition } from "@hatchet-dev/typescript-sdk/v1/conditions";
import type { DurableContext } from "@hatchet-dev/typescript-sdk/v1/client/worker/context";
import { CallOutcomeSchema } from "../lib/contracts/call-outcome";
import type { CallAttemptInput, CallAttemptResult } from "../lib/contracts/journey";
import { EVENT, SCOPE } from "../lib/contracts/names";
import { env } from "../lib/env";
import { dialStep, finishStep } from "./steps";

/** How long after the longest allowed call the journey stops waiting for `call:ended`. */
const CALL_END_SLACK_SECONDS = 120;
/** The agent posts its transcript right after the call; give it this long. */
const TRANSCRIPT_WAIT_SECONDS = 120;

/**
 * One call, inside the journey's durable task: dial → wait for `call:ended` (scoped to the attempt,
 * Or'd with a timeout) → wait for the transcript → summarize and record the outcome. The dial and
 * the summary are tasks of their own (recorded in the journey's event log, retried on their own);
 * the waits are the journey's. It used to be a durable child workflow, which needs a durable slot
 * while its parent holds one: with every durable slot held by journeys waiting for their calls, the
 * calls could not start (a 10,000-account launch on 1,000 slots: no dial in 90 s).
 *
 * `since` bounds the lookback: the plan's decision, which wrote the attempt before any event about
 * it could exist, so a hang-up reported before the wait began (a fast one) is still caught.
 */
export async function attemptCall(ctx: DurableContext<unknown>, input: CallAttemptInput, since: string): Promise<CallAttemptResult> {
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
}
