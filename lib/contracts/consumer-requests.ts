import { z } from "zod";
import { CreatedRangeSchema, DateOnlySchema, E164Schema, IdSchema, InstantSchema, PageQuerySchema, PositiveCentsSchema } from "./api";

export const OpenDisputeInputSchema = z.strictObject({
  accountId: IdSchema,
  /** Written disputes (incl. electronic, Cmt. 38-1) and oral ones both pause collection here. */
  channel: z.enum(["ORAL", "WRITTEN"]),
  receivedAt: InstantSchema.optional(),
  reason: z.string().max(2000).optional(),
});
export type OpenDisputeInput = z.infer<typeof OpenDisputeInputSchema>;

export const DisputeSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  channel: z.enum(["ORAL", "WRITTEN"]),
  status: z.enum(["OPEN", "VERIFIED", "RESOLVED"]),
  reason: z.string().nullable(),
  receivedAt: z.string(),
  createdAt: z.string(),
});
export const OpenDisputeResultSchema = z.object({ dispute: DisputeSchema, alreadyOpen: z.boolean() });

/**
 * CEASE_COMMUNICATION and REFUSAL_TO_PAY (written, 1006.6(c)) stop all contact about the debtor's
 * debts; STOP_CALLING (1006.14(h)(1)) bans calls, for one number when `phoneNumber` is given.
 */
export const CEASE_KINDS = ["CEASE_COMMUNICATION", "REFUSAL_TO_PAY", "STOP_CALLING"] as const;
export const RequestCeaseInputSchema = z
  .strictObject({
    kind: z.enum(CEASE_KINDS),
    debtorId: IdSchema.optional(),
    accountId: IdSchema.optional(),
    phoneNumber: E164Schema.optional(),
    receivedAt: InstantSchema.optional(),
  })
  .refine((c) => c.debtorId !== undefined || c.accountId !== undefined, { message: "give debtorId or accountId", path: ["debtorId"] })
  .refine((c) => c.phoneNumber === undefined || c.kind === "STOP_CALLING", { message: "phoneNumber narrows only STOP_CALLING", path: ["phoneNumber"] });
export type RequestCeaseInput = z.infer<typeof RequestCeaseInputSchema>;

export const RequestCeaseResultSchema = z.object({
  debtorId: z.string(),
  kind: z.enum(CEASE_KINDS),
  effectiveAt: z.string(),
  accountIds: z.array(z.string()),
  phonesBlocked: z.number().int(),
});

export const RecordPromiseInputSchema = z.strictObject({
  accountId: IdSchema,
  amountCents: PositiveCentsSchema,
  dueDate: DateOnlySchema,
  graceDays: z.number().int().min(0).max(30).default(3),
  attemptId: IdSchema.optional(),
});
export type RecordPromiseInput = z.infer<typeof RecordPromiseInputSchema>;

export const PromiseSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  attemptId: z.string().nullable(),
  amountCents: z.number().int(),
  dueDate: z.string(),
  graceDays: z.number().int(),
  status: z.enum(["PENDING", "KEPT", "BROKEN", "CANCELLED"]),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const PromiseListQuerySchema = PageQuerySchema.extend({ accountId: IdSchema.optional(), status: z.enum(["PENDING", "KEPT", "BROKEN", "CANCELLED"]).optional(), ...CreatedRangeSchema });
export const DisputeListQuerySchema = PageQuerySchema.extend({ accountId: IdSchema.optional(), status: z.enum(["OPEN", "VERIFIED", "RESOLVED"]).optional(), ...CreatedRangeSchema });
