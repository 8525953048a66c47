import { z } from "zod";
import { CreatedRangeSchema, CurrencySchema, ExternalIdSchema, IdSchema, InstantSchema, PageQuerySchema, PositiveCentsSchema } from "./api";

/**
 * A payment as the CRM or the payment provider reports it. Exactly one of accountId and
 * accountExternalId names the account; an unknown one parks the payment for reconciliation.
 */
export const RecordPaymentInputSchema = z
  .strictObject({
    provider: z.string().min(1).max(50).regex(/^[a-z0-9_-]+$/, "must be lower-case letters, digits, _ or -"),
    providerPaymentId: ExternalIdSchema,
    accountId: IdSchema.optional(),
    accountExternalId: ExternalIdSchema.optional(),
    amountCents: PositiveCentsSchema,
    currency: CurrencySchema.default("USD"),
    receivedAt: InstantSchema,
  })
  .refine((p) => (p.accountId === undefined) !== (p.accountExternalId === undefined), { message: "give exactly one of accountId and accountExternalId", path: ["accountId"] });
export type RecordPaymentInput = z.infer<typeof RecordPaymentInputSchema>;

export const PAYMENT_STATUSES = ["APPLIED", "PARKED", "REVERSED"] as const;

export const PaymentSchema = z.object({
  id: z.string(),
  accountId: z.string().nullable(),
  accountExternalId: z.string().nullable(),
  provider: z.string(),
  providerPaymentId: z.string(),
  amountCents: z.number().int(),
  currency: z.string(),
  receivedAt: z.string(),
  status: z.enum(PAYMENT_STATUSES),
  createdAt: z.string(),
});

export const RecordPaymentResultSchema = z.object({
  payment: PaymentSchema,
  /** True when this provider payment id was recorded before: nothing changed this time. */
  duplicate: z.boolean(),
  /** Why a payment was parked instead of applied. */
  parkedReason: z.enum(["unknown_account", "disputed", "currency_mismatch", "not_collectible"]).nullable(),
  promisesKept: z.array(z.string()),
});
export type RecordPaymentResult = z.infer<typeof RecordPaymentResultSchema>;

/** Payload of EVENT.paymentReceived. */
export const PaymentReceivedEventSchema = z.object({ paymentId: z.string(), accountId: z.string(), amountCents: z.number().int(), balanceCents: z.number().int(), receivedAt: z.string() });

export const PaymentListQuerySchema = PageQuerySchema.extend({
  status: z.enum(PAYMENT_STATUSES).optional(),
  accountId: IdSchema.optional(),
  providerPaymentId: ExternalIdSchema.optional(),
  ...CreatedRangeSchema,
});
