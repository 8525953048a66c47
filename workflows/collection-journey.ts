import { Or, SleepCondition, UserEventCondition } from "@hatchet-dev/typescript-sdk/v1/conditions";
import { ConcurrencyLimitStrategy } from "@hatchet-dev/typescript-sdk/protoc/v1/workflows";
import type { z } from "zod";
import { JourneyInputSchema, JourneyPlanSchema } from "../lib/contracts/journey";
import { EVENT, SCOPE, WORKFLOW } from "../lib/contracts/names";
import { attemptCall } from "./call-attempt";
import { hatchet } from "./hatchet-client";
import { parseInput } from "./run-step";
import { planStep, QUEUE_WAIT_FOR_DECISIONS } from "./steps";

/** A journey that has decided this often without ending is stuck: stop rather than loop forever. */
const MAX_STEPS = 200;

/**
 * One enrollment's collection journey, a durable task that may live for weeks: each step asks the
 * planner (lib/journey/plan-step.ts, on PostgreSQL) what to do — dial (through the compliance
 * gate), wait, or end — and does it. Every wait also ends on a payment, a dispute, a cease request
 * or the campaign being resumed or cancelled, including ones that arrived while the planner was
 * deciding (lookback from its decision); a journey in its campaign's line queue also wakes when a
 * line is offered to it. One journey per account at a time.
 */
type JourneyOutput = { status: string; reason: string; steps: number };

export const collectionJourney = hatchet.durableTask<z.infer<typeof JourneyInputSchema>, JourneyOutput>({
  name: WORKFLOW.collectionJourney,
  executionTimeout: "1h",
  // A launch larger than the workers' durable slots queues journeys until slots free up; a late
  // start only plans later (the planner reads the clock and the ledger when it runs).
  scheduleTimeout: QUEUE_WAIT_FOR_DECISIONS,
  evictionPolicy: { ttl: "10m", allowCapacityEviction: true, priority: 0 },
  concurrency: { expression: "input.accountId", maxRuns: 1, limitStrategy: ConcurrencyLimitStrategy.GROUP_ROUND_ROBIN },
  fn: async (raw, ctx) => {
    const input = parseInput(JourneyInputSchema, raw);
    for (let step = 1; step <= MAX_STEPS; step++) {
      const plan = JourneyPlanSchema.parse(await planStep.run({ enrollmentId: input.enrollmentId, step }));
      if (plan.action === "end") return { status: plan.status, reason: plan.reason, steps: step };
      if (plan.action === "dial") {
        await attemptCall(ctx, { attemptId: plan.attemptId, enrollmentId: input.enrollmentId, accountId: input.accountId }, plan.decidedAt);
        continue;
      }
      const account = SCOPE.account(input.accountId);
      const campaign = SCOPE.campaign(input.campaignId);
      await ctx.waitFor(
        Or(
          new SleepCondition(`${plan.waitSeconds}s`, "wake"),
          new UserEventCondition(EVENT.paymentReceived, "", "payment", undefined, account, plan.decidedAt),
          new UserEventCondition(EVENT.disputeOpened, "", "dispute", undefined, account, plan.decidedAt),
          new UserEventCondition(EVENT.ceaseRequested, "", "cease", undefined, account, plan.decidedAt),
          new UserEventCondition(EVENT.promiseMade, "", "promise", undefined, account, plan.decidedAt),
          new UserEventCondition(EVENT.campaignResumed, "", "resumed", undefined, campaign, plan.decidedAt),
          new UserEventCondition(EVENT.campaignCancelled, "", "cancelled", undefined, campaign, plan.decidedAt),
          ...(plan.lineQueued ? [new UserEventCondition(EVENT.campaignLineFreed, "", "line", undefined, SCOPE.enrollment(input.enrollmentId), plan.decidedAt)] : []),
        ),
      );
    }
    return { status: "ESCALATED", reason: `no resolution after ${MAX_STEPS} steps`, steps: MAX_STEPS };
  },
});
