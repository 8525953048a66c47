import { Priority } from "@hatchet-dev/typescript-sdk/v1/declaration";
import type { z } from "zod";
import { dialCallAttempt } from "../lib/calls/dial-attempt";
import { CampaignStrategySchema } from "../lib/contracts/campaign-strategy";
import { CallAttemptInputSchema, PlanStepInputSchema, type JourneyPlan } from "../lib/contracts/journey";
import { gatePolicyFrom } from "../lib/compliance/policy";
import { env } from "../lib/env";
import { finishCall } from "../lib/journey/finish-call";
import { moveJourney } from "../lib/journey/move-journey";
import { taskLogger } from "../lib/observability/logger";
import { recourseMetrics } from "../lib/observability/registry";
import { planJourneyStep } from "../lib/journey/plan-step";
import { workflowDeps } from "./deps";
import { hatchet } from "./hatchet-client";
import { parseInput, runStep } from "./run-step";
import { trunkDialRateLimit } from "./trunk-rate-limit";

/**
 * The journey's side-effecting steps, each a task of its own so its result is recorded in the
 * durable parent's event log: a replay reuses it instead of dialling or deciding again.
 *
 * Priorities put the work nearest the phone first when slots are scarce (a launch starts
 * thousands of journeys, each planning at once): a dial the gate has already allowed goes out
 * before anything else, finishing a call (which frees its campaign slot) next, planning last.
 *
 * Planning and finishing decide from the clock and the ledger when they run, so a late start is
 * only late: they may wait in the queue for hours (Hatchet's default of 5 minutes cancelled the
 * last plan steps of a 10,000-account launch, and with them their journeys). A dial keeps the
 * default: it carries a gate decision, and one that cannot start within minutes is stale.
 */
export const QUEUE_WAIT_FOR_DECISIONS = "12h";
type PlanInput = z.infer<typeof PlanStepInputSchema>;
type CallInput = z.infer<typeof CallAttemptInputSchema>;
type DialOutput = { status: "answered" | "not_connected" | "already_ended"; outcome: string | null };
type FinishOutput = { outcome: string; summarized: boolean };

export const planStep = hatchet.task<PlanInput, JourneyPlan>({
  name: "journey-plan-step",
  defaultPriority: Priority.LOW,
  retries: 5,
  backoff: { factor: 2, maxSeconds: 60 },
  scheduleTimeout: QUEUE_WAIT_FOR_DECISIONS,
  executionTimeout: "2m",
  fn: async (raw) => {
    const input = parseInput(PlanStepInputSchema, raw);
    const { db, now, virtualClock } = workflowDeps();
    // The operator-tunable guards (COMPLIANCE_*); the legal limits themselves are not settings.
    return runStep(() => planJourneyStep(db, input, { clock: now, gateUsesClock: virtualClock === true, policy: gatePolicyFrom(env()) }), "journey-plan-step");
  },
});

export const dialStep = hatchet.task<CallInput, DialOutput>({
  name: "call-dial",
  defaultPriority: Priority.HIGH,
  rateLimits: [trunkDialRateLimit()],
  retries: 5,
  backoff: { factor: 2, maxSeconds: 60 },
  executionTimeout: "5m",
  fn: async (raw, ctx) => {
    const input = parseInput(CallAttemptInputSchema, raw);
    const { db, telephony, now } = workflowDeps();
    return runStep(async () => {
      const campaign = await db.campaign.findFirst({ where: { enrollments: { some: { id: input.enrollmentId } } }, select: { strategy: true } });
      const strategy = CampaignStrategySchema.parse(campaign?.strategy ?? {});
      const result = await dialCallAttempt(db, telephony, input.attemptId, {
        script: { id: strategy.scriptId, businessName: strategy.businessName, callbackNumber: strategy.callbackNumber },
        signal: ctx.abortController.signal,
        now,
      });
      // A retried step may find the call already over (its worker died mid-dial and the call went
      // on without it): the journey still passes through WAITING_CALL, where finishing starts.
      if (result.status === "answered" || result.status === "already_ended") await moveJourney(db, input.enrollmentId, "WAITING_CALL");
      recourseMetrics().dials.inc({ status: result.status });
      taskLogger({ runId: ctx.workflowRunId(), task: "call-dial", accountId: input.accountId, attemptId: input.attemptId }).info({ status: result.status }, "dial finished");
      return { status: result.status, outcome: "outcome" in result ? result.outcome : null };
    }, "call-dial");
  },
});

export const finishStep = hatchet.task<CallInput, FinishOutput>({
  name: "call-finish",
  defaultPriority: Priority.MEDIUM,
  retries: 5,
  backoff: { factor: 2, maxSeconds: 120 },
  scheduleTimeout: QUEUE_WAIT_FOR_DECISIONS,
  executionTimeout: "5m",
  fn: async (raw, ctx) => {
    const input = parseInput(CallAttemptInputSchema, raw);
    const { db, summarizer, now } = workflowDeps();
    return runStep(async () => {
      const finished = await finishCall(db, summarizer, input.attemptId, { signal: ctx.abortController.signal, now: now() });
      recourseMetrics().callOutcomes.inc({ outcome: finished.outcome });
      taskLogger({ runId: ctx.workflowRunId(), task: "call-finish", accountId: input.accountId, attemptId: input.attemptId }).info({ outcome: finished.outcome, summarized: finished.summarized }, "call finished");
      return finished;
    }, "call-finish");
  },
});
