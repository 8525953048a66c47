import { z } from "zod";
import { CentsSchema, CurrencySchema, DateOnlySchema, E164Schema, ExternalIdSchema, InstantSchema, CreatedRangeSchema, PageQuerySchema } from "./api";

/** At most this many items per bulk upsert: one transaction, bounded memory. */
export const MAX_UPSERT_ITEMS = 10_000;

export const LINE_TYPES = ["CELL", "LANDLINE", "VOIP", "UNKNOWN"] as const;
export const ACCOUNT_STATUSES = ["ACTIVE", "PAID", "SETTLED", "DISPUTED", "CEASED", "CLOSED", "RECALLED"] as const;

export const PhoneInputSchema = z.strictObject({
  number: E164Schema,
  lineType: z.enum(LINE_TYPES).default("UNKNOWN"),
  /** Prior express consent for artificial-voice calls (47 CFR 64.1200(a)(1)(iii)), with its source. */
  tcpaConsentAt: InstantSchema.optional(),
  tcpaConsentSource: z.string().max(200).optional(),
  source: z.string().max(100).optional(),
  priority: z.number().int().min(0).max(100).default(0),
});

export const DebtorInputSchema = z.strictObject({
  externalId: ExternalIdSchema,
  firstName: z.string().min(1).max(100),
  lastName: z.string().min(1).max(100),
  dateOfBirth: DateOnlySchema.optional(),
  email: z.email().max(254).optional(),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "must be a BCP 47 tag").default("en"),
  addressLine1: z.string().max(200).optional(),
  addressLine2: z.string().max(200).optional(),
  city: z.string().max(100).optional(),
  state: z.string().regex(/^[A-Z]{2}$/, "must be a USPS state code").optional(),
  postalCode: z.string().regex(/^\d{5}(-\d{4})?$/, "must be a US ZIP code").optional(),
  /** IANA zones; empty means "do not dial" until a location signal arrives (COMPLIANCE.md §3). */
  timeZoneCandidates: z.array(z.string().regex(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/, "must be an IANA zone")).max(6).default([]),
  phones: z.array(PhoneInputSchema).max(10).default([]),
});

/** One account and its debtor, keyed by the CRM's external ids. */
export const AccountUpsertItemSchema = z.strictObject({
  externalId: ExternalIdSchema,
  debtor: DebtorInputSchema,
  creditor: z.string().min(1).max(200),
  originalCreditor: z.string().max(200).optional(),
  originalAccountLast4: z.string().regex(/^\d{4}$/).optional(),
  balanceCents: CentsSchema,
  originalBalanceCents: CentsSchema,
  currency: CurrencySchema.default("USD"),
  chargeOffDate: DateOnlySchema.optional(),
  statuteOfLimitationsDate: DateOnlySchema.optional(),
  timeBarred: z.boolean().default(false),
});
export type AccountUpsertItem = z.infer<typeof AccountUpsertItemSchema>;

/** Items are checked one by one, so one bad row rejects only itself. */
export const UpsertAccountsInputSchema = z.strictObject({
  items: z.array(z.unknown()).min(1).max(MAX_UPSERT_ITEMS),
});

export const UpsertItemResultSchema = z.object({
  index: z.number().int(),
  externalId: z.string().nullable(),
  result: z.enum(["created", "updated", "unchanged", "rejected"]),
  accountId: z.string().nullable(),
  debtorId: z.string().nullable(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
});
export const UpsertAccountsResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  items: z.array(UpsertItemResultSchema),
});
export type UpsertAccountsResult = z.infer<typeof UpsertAccountsResultSchema>;

export const PhoneSchema = z.object({
  id: z.string(),
  number: z.string(),
  lineType: z.enum(LINE_TYPES),
  status: z.enum(["ACTIVE", "BAD_NUMBER", "WRONG_PARTY", "STOP_CALLING"]),
  tcpaConsentAt: z.string().nullable(),
  consentRevokedAt: z.string().nullable(),
});

export const DebtorSchema = z.object({
  id: z.string(),
  externalId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  language: z.string(),
  state: z.string().nullable(),
  timeZoneCandidates: z.array(z.string()),
  ceaseCommunicationAt: z.string().nullable(),
  refusedToPayAt: z.string().nullable(),
  stopCallingAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  phones: z.array(PhoneSchema),
});

export const AccountSchema = z.object({
  id: z.string(),
  externalId: z.string(),
  debtorId: z.string(),
  creditor: z.string(),
  balanceCents: z.number().int(),
  originalBalanceCents: z.number().int(),
  currency: z.string(),
  status: z.enum(ACCOUNT_STATUSES),
  timeBarred: z.boolean(),
  disputePendingAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const AccountListQuerySchema = PageQuerySchema.extend({
  status: z.enum(ACCOUNT_STATUSES).optional(),
  externalId: ExternalIdSchema.optional(),
  debtorId: z.string().max(64).optional(),
  ...CreatedRangeSchema,
});
export const DebtorListQuerySchema = PageQuerySchema.extend({
  externalId: ExternalIdSchema.optional(),
  ...CreatedRangeSchema,
});
