import { z } from "zod";
import { CallOutcomeSchema } from "./call-outcome";
import { JourneyStatusSchema } from "../journey/status";

const id = z.string().min(1).max(64);

/** Input of the collection-journey workflow: one enrollment (account × campaign). */
export const JourneyInputSchema = z.strictObject({ enrollmentId: id, accountId: id, campaignId: id });
export type JourneyInput = z.infer<typeof JourneyInputSchema>;

/** Input of the plan step: which enrollment, and the how-many-th decision of its journey. */
export const PlanStepInputSchema = z.strictObject({ enrollmentId: id, step: z.number().int().min(1).max(10_000) });
export type PlanStepInput = z.infer<typeof PlanStepInputSchema>;

/**
 * What the journey does next, decided by lib/journey/plan-step.ts from the database: dial (an
 * attempt the compliance gate allowed and recorded), wait (a number of seconds, fixed when decided,
 * so a replay waits the same), or end with a terminal status. `decidedAt` bounds the lookback of
 * the events that may end a wait early.
 */
export const JourneyPlanSchema = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("dial"), attemptId: id, decidedAt: z.iso.datetime() }),
  z.strictObject({
    action: z.literal("wait"),
    waitSeconds: z.number().int().min(1),
    reason: z.string().max(300),
    decidedAt: z.iso.datetime(),
    /** In the campaign's line queue (lib/campaigns/line-queue.ts): a freed line also ends the wait. */
    lineQueued: z.literal(true).optional(),
  }),
  z.strictObject({ action: z.literal("end"), status: JourneyStatusSchema, reason: z.string().max(300), decidedAt: z.iso.datetime() }),
]);
export type JourneyPlan = z.infer<typeof JourneyPlanSchema>;

/** Input of a call attempt (workflows/call-attempt.ts) and its steps. */
export const CallAttemptInputSchema = z.strictObject({ attemptId: id, enrollmentId: id, accountId: id });
export type CallAttemptInput = z.infer<typeof CallAttemptInputSchema>;

export const CallAttemptResultSchema = z.strictObject({ attemptId: id, outcome: CallOutcomeSchema, summarized: z.boolean() });
export type CallAttemptResult = z.infer<typeof CallAttemptResultSchema>;
