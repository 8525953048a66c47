import { z } from "zod";
import { CALL_OUTCOMES } from "./call-outcome";
import { ACCOUNT_STATUSES } from "./accounts";
import { CentsSchema, CreatedRangeSchema, PageQuerySchema } from "./api";

export const CAMPAIGN_STATUSES = ["DRAFT", "RUNNING", "PAUSED", "CANCELLED", "COMPLETED"] as const;
export const CampaignStatusSchema = z.enum(CAMPAIGN_STATUSES);
export type CampaignStatus = z.infer<typeof CampaignStatusSchema>;

const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM");

/**
 * The local hours and weekdays a campaign may call in (0 = Sunday). It can only narrow the legal
 * window (08:00–21:00 local, 12 CFR 1006.6(b)(1)(i)): the compliance gate enforces the law either
 * way. Also the shape of the console's calling-hours default (lib/settings).
 */
export const CallingWindowSchema = z
  .strictObject({
    start: LocalTime.default("08:00"),
    end: LocalTime.default("21:00"),
    daysOfWeek: z.array(z.number().int().min(0).max(6)).min(1).max(7).default([1, 2, 3, 4, 5, 6]),
  })
  .refine((w) => w.start < w.end, { message: "callingWindow.start must be before callingWindow.end" })
  .refine((w) => new Set(w.daysOfWeek).size === w.daysOfWeek.length, { message: "daysOfWeek must not repeat a day", path: ["daysOfWeek"] });
export type CallingWindow = z.infer<typeof CallingWindowSchema>;

/** How a campaign works its accounts. */
export const CampaignStrategySchema = z.strictObject({
  maxAttempts: z.number().int().min(1).max(50),
  cadence: z.strictObject({
    /** Minimum hours between two attempts on the same account. */
    hoursBetweenAttempts: z.number().int().min(1).max(24 * 30),
    /** Hours to wait after an attempt that ended so, overriding hoursBetweenAttempts. */
    retryDelayHours: z.partialRecord(z.enum(CALL_OUTCOMES), z.number().int().min(1).max(24 * 60)).default({}),
  }),
  /**
   * Omitted: createCampaign stores the console's calling-hours default (Settings; the legal
   * 08:00–21:00, Monday–Saturday until an admin sets one). Given: its own missing fields take the
   * legal window's values, not the setting's.
   */
  callingWindow: CallingWindowSchema.optional().meta({ description: "Omit to use the calling-hours default set in the console (Settings); until an admin sets one, 08:00–21:00 local, Monday–Saturday." }),
  agentScriptId: z.string().min(1).max(100),
  caps: z
    .strictObject({
      /** Calls the campaign places per local day, all accounts together. */
      callsPerDay: z.number().int().min(1).max(1_000_000).optional(),
      /** Calls per account per 7 days; the 7-in-7 rule still applies on top (1006.14(b)). */
      callsPerAccountPerWeek: z.number().int().min(1).max(7).default(3),
    })
    .default({ callsPerAccountPerWeek: 3 }),
});
export type CampaignStrategy = z.infer<typeof CampaignStrategySchema>;

/** Which accounts the campaign takes; every field narrows the set. */
export const CampaignSegmentSchema = z.strictObject({
  statuses: z.array(z.enum(ACCOUNT_STATUSES)).min(1).default(["ACTIVE"]),
  creditors: z.array(z.string().min(1).max(200)).max(100).optional(),
  states: z.array(z.string().regex(/^[A-Z]{2}$/)).max(60).optional(),
  minBalanceCents: CentsSchema.optional(),
  maxBalanceCents: CentsSchema.optional(),
  excludeTimeBarred: z.boolean().default(false),
  accountExternalIds: z.array(z.string().min(1).max(128)).max(10_000).optional(),
});
export type CampaignSegment = z.infer<typeof CampaignSegmentSchema>;

export const CreateCampaignInputSchema = z.strictObject({
  name: z.string().min(1).max(200),
  strategy: CampaignStrategySchema,
  segment: CampaignSegmentSchema.default({ statuses: ["ACTIVE"], excludeTimeBarred: false }),
  /** Journeys running at once. */
  concurrency: z.number().int().min(1).max(10_000).default(50),
  callerId: z.string().regex(/^\+[1-9]\d{6,14}$/).optional(),
});
export type CreateCampaignInput = z.infer<typeof CreateCampaignInputSchema>;

export const CampaignProgressSchema = z.object({
  enrollments: z.number().int(),
  byJourneyStatus: z.record(z.string(), z.number().int()),
  attempts: z.number().int(),
  connected: z.number().int(),
  conversations: z.number().int(),
  promises: z.number().int(),
  payments: z.number().int(),
  collectedCents: z.number().int(),
});
export type CampaignProgress = z.infer<typeof CampaignProgressSchema>;

export const CampaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: CampaignStatusSchema,
  strategy: z.record(z.string(), z.unknown()),
  segment: z.record(z.string(), z.unknown()),
  concurrency: z.number().int(),
  launchedAt: z.string().nullable(),
  pausedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
});
export const CampaignWithProgressSchema = CampaignSchema.extend({ progress: CampaignProgressSchema });

export const CampaignListQuerySchema = PageQuerySchema.extend({ status: CampaignStatusSchema.optional(), ...CreatedRangeSchema });

/** Payload of the campaign outbox events the integrator's workflows consume. */
export const CampaignEventPayloadSchema = z.object({
  campaignId: z.string(),
  status: CampaignStatusSchema,
  at: z.string(),
});
export type CampaignEventPayload = z.infer<typeof CampaignEventPayloadSchema>;
