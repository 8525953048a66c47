import { z } from "zod";

/** Uploads above this are refused before parsing: bounded memory in the console process. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** Rows above this are refused: one import stays a few minutes of work at most. */
export const MAX_IMPORT_ROWS = 50_000;
/** Rows per upsertAccounts call: one short transaction each, and progress between them. */
export const IMPORT_BATCH_SIZE = 500;
/** Problems kept on the job and shown: enough to fix a file, bounded in size. */
export const MAX_REPORTED_ERRORS = 500;

/**
 * The fields a CSV column can fill, in the order the mapping form shows them. Each maps onto the
 * API's AccountUpsertItemSchema (lib/contracts/accounts.ts); money is in dollars in the file.
 */
export const IMPORT_FIELDS = [
  { key: "externalId", label: "Account reference", required: true, aliases: ["account id", "account number", "account ref", "account", "acct", "reference"] },
  { key: "creditor", label: "Creditor", required: true, aliases: ["current creditor", "client"] },
  { key: "originalCreditor", label: "Original creditor", required: false, aliases: ["orig creditor"] },
  { key: "originalAccountLast4", label: "Original account last 4", required: false, aliases: ["last4", "last 4"] },
  { key: "balance", label: "Balance ($)", required: true, aliases: ["balance", "current balance", "amount due", "balance due"] },
  { key: "originalBalance", label: "Original balance ($)", required: true, aliases: ["original balance", "orig balance", "placed balance"] },
  { key: "currency", label: "Currency", required: false, aliases: [] },
  { key: "chargeOffDate", label: "Charge-off date", required: false, aliases: ["charge off date", "chargeoff"] },
  { key: "statuteOfLimitationsDate", label: "Limitations date", required: false, aliases: ["sol date", "statute of limitations"] },
  { key: "timeBarred", label: "Time-barred (yes/no)", required: false, aliases: ["time barred"] },
  { key: "debtorExternalId", label: "Debtor reference", required: true, aliases: ["debtor id", "customer id", "consumer id", "debtor"] },
  { key: "firstName", label: "First name", required: true, aliases: ["first", "given name"] },
  { key: "lastName", label: "Last name", required: true, aliases: ["last", "surname", "family name"] },
  { key: "dateOfBirth", label: "Date of birth", required: false, aliases: ["dob", "birth date"] },
  { key: "email", label: "Email", required: false, aliases: ["email address"] },
  { key: "language", label: "Language", required: false, aliases: ["lang"] },
  { key: "addressLine1", label: "Address", required: false, aliases: ["address", "street", "address 1"] },
  { key: "city", label: "City", required: false, aliases: [] },
  { key: "state", label: "State", required: false, aliases: ["st"] },
  { key: "postalCode", label: "ZIP code", required: false, aliases: ["zip", "zip code", "postal"] },
  { key: "timeZones", label: "Time zone(s), | between", required: false, aliases: ["time zone", "timezone", "tz"] },
  { key: "phone", label: "Phone (E.164)", required: false, aliases: ["phone number", "mobile", "cell"] },
  { key: "phoneLineType", label: "Phone line type", required: false, aliases: ["line type"] },
  { key: "phoneConsentAt", label: "AI-voice consent time", required: false, aliases: ["consent at", "tcpa consent", "consent"] },
  { key: "phoneConsentSource", label: "Consent source", required: false, aliases: [] },
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number]["key"];
export const IMPORT_FIELD_KEYS = IMPORT_FIELDS.map((f) => f.key) as [ImportField, ...ImportField[]];

/** { csvHeader: field }; a header left out (or mapped to "") is ignored. Two headers cannot fill one field. */
export const ImportMappingSchema = z
  .record(z.string().min(1).max(200), z.union([z.enum(IMPORT_FIELD_KEYS), z.literal("")]))
  .refine((m) => {
    const used = Object.values(m).filter(Boolean);
    return new Set(used).size === used.length;
  }, { message: "two columns are mapped to the same field" });
export type ImportMapping = z.infer<typeof ImportMappingSchema>;

/** One problem with one row: `row` is the line number in the file (the header is line 1). */
export const ImportRowErrorSchema = z.object({ row: z.number().int(), field: z.string(), reason: z.string() });
export type ImportRowError = z.infer<typeof ImportRowErrorSchema>;

export const ImportReportSchema = z.object({
  jobId: z.string(),
  status: z.enum(["VALIDATING", "REJECTED", "IMPORTING", "COMPLETED", "FAILED"]),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  importedRows: z.number().int(),
  /** Rows left out: totalRows - validRows, plus rows the upsert itself refused. */
  rejectedRows: z.number().int(),
  /** The first MAX_REPORTED_ERRORS problems. */
  errors: z.array(ImportRowErrorSchema),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;
