import { z } from "zod";
import { CALL_OUTCOMES } from "./call-outcome";
import { JOURNEY_STATUSES } from "../journey/status";
import { CreatedRangeSchema, IdSchema, PageQuerySchema } from "./api";

export const EnrollmentSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  accountId: z.string(),
  journeyStatus: z.enum(JOURNEY_STATUSES),
  attemptsMade: z.number().int(),
  nextActionAt: z.string().nullable(),
  closedReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const EnrollmentListQuerySchema = PageQuerySchema.extend({ campaignId: IdSchema.optional(), accountId: IdSchema.optional(), journeyStatus: z.enum(JOURNEY_STATUSES).optional(), ...CreatedRangeSchema });

export const CallSchema = z.object({
  id: z.string(),
  enrollmentId: z.string().nullable(),
  debtorId: z.string(),
  accountIds: z.array(z.string()),
  phoneNumber: z.string(),
  direction: z.enum(["OUTBOUND", "INBOUND"]),
  placedAt: z.string(),
  answeredAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  outcome: z.enum(CALL_OUTCOMES).nullable(),
  counted: z.boolean(),
  conversation: z.boolean(),
});

export const TranscriptSegmentSchema = z.object({ speaker: z.string(), text: z.string(), startMs: z.number().optional(), endMs: z.number().optional() });
export const CallDetailSchema = CallSchema.extend({
  transcript: z.object({ language: z.string(), segments: z.array(TranscriptSegmentSchema), receivedAt: z.string() }).nullable(),
  summary: z
    .object({
      source: z.enum(["LLM", "OFFLINE_RULES"]),
      summary: z.string(),
      outcome: z.enum(CALL_OUTCOMES),
      rightPartyContact: z.boolean(),
      promiseAmountCents: z.number().int().nullable(),
      promiseDate: z.string().nullable(),
      dispute: z.boolean(),
      ceaseRequest: z.boolean(),
      nextBestAction: z.string().nullable(),
      confidence: z.number(),
    })
    .nullable(),
});
export const CallListQuerySchema = PageQuerySchema.extend({ enrollmentId: IdSchema.optional(), debtorId: IdSchema.optional(), accountId: IdSchema.optional(), outcome: z.enum(CALL_OUTCOMES).optional(), ...CreatedRangeSchema });

export const ComplianceDecisionSchema = z.object({
  id: z.string(),
  debtorId: z.string(),
  accountIds: z.array(z.string()),
  enrollmentId: z.string().nullable(),
  attemptId: z.string().nullable(),
  decision: z.enum(["ALLOW", "DENY"]),
  reasons: z.array(z.object({ code: z.string(), rule: z.string().optional(), detail: z.string().optional() })),
  nextAllowedAt: z.string().nullable(),
  evaluatedAt: z.string(),
});
export const ComplianceDecisionListQuerySchema = PageQuerySchema.extend({ debtorId: IdSchema.optional(), enrollmentId: IdSchema.optional(), decision: z.enum(["ALLOW", "DENY"]).optional() });
