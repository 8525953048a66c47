import { z } from "zod";

/**
 * Shapes shared by every /api/v1 endpoint: scopes, pagination, money and time fields. Payloads stay
 * JSON-round-trippable (STYLE.md §4): ISO-8601 strings for instants, integer cents for money.
 */

/** read: every GET; write: changes to debtors, accounts, campaigns and consumer requests; payments: recording payments; admin: all of them plus keys and webhooks. */
export const API_SCOPES = ["read", "write", "payments", "admin"] as const;
export const ApiScopeSchema = z.enum(API_SCOPES);
export type ApiScope = z.infer<typeof ApiScopeSchema>;

/** Integer cents; the schema's Int column caps one row at $21,474,836.47. */
export const CentsSchema = z.number().int().min(0).max(2_147_483_647);
export const PositiveCentsSchema = z.number().int().min(1).max(2_147_483_647);
export const InstantSchema = z.iso.datetime({ offset: true });
export const DateOnlySchema = z.iso.date();
export const IdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "must be an id");
/** Identifiers from the client's CRM: printable, no control characters. */
export const ExternalIdSchema = z.string().min(1).max(128).regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces");
export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code");
export const E164Schema = z.string().regex(/^\+[1-9]\d{6,14}$/, "must be an E.164 number");

export const PageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque: the `nextCursor` of the previous page. */
  cursor: z.string().max(200).optional(),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

/** Filters every list accepts besides its own: creation time bounds. */
export const CreatedRangeSchema = {
  createdFrom: InstantSchema.optional(),
  createdTo: InstantSchema.optional(),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}

export const IdParamsSchema = z.strictObject({ id: IdSchema });
