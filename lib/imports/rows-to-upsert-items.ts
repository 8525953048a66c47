import { parseDollars } from "../money";
import { AccountUpsertItemSchema } from "../contracts/accounts";
import { IMPORT_FIELDS, type ImportField, type ImportMapping, type ImportRowError } from "../contracts/import";
import type { ParsedCsv } from "./parse-import-csv";

/** A row that passed the API's item schema, with its spreadsheet row number. */
export interface ImportItem {
  row: number;
  item: Record<string, unknown>;
}

/** Item path in AccountUpsertItemSchema → the import field that fills it. */
const FIELD_OF_PATH: Record<string, ImportField> = {
  balanceCents: "balance",
  originalBalanceCents: "originalBalance",
  "debtor.externalId": "debtorExternalId",
  "debtor.timeZoneCandidates": "timeZones",
  "debtor.phones": "phone",
  "debtor.phones.0.number": "phone",
  "debtor.phones.0.lineType": "phoneLineType",
  "debtor.phones.0.tcpaConsentAt": "phoneConsentAt",
  "debtor.phones.0.tcpaConsentSource": "phoneConsentSource",
};
const YES = new Set(["yes", "y", "true", "1"]);
const NO = new Set(["no", "n", "false", "0", ""]);

/**
 * Turns CSV rows into bulk-upsert items through the operator's mapping and checks each with the
 * very schema the API uses (AccountUpsertItemSchema), so a row accepted here is accepted there.
 * Problems come back per row and field, named by the file's own column header. A row with any
 * problem is left out of `items`; a second row with an account reference already seen is one.
 */
export function rowsToUpsertItems(csv: ParsedCsv, mapping: ImportMapping): { items: ImportItem[]; errors: ImportRowError[] } {
  const columnOf = new Map<ImportField, number>();
  for (const [header, field] of Object.entries(mapping)) {
    const index = csv.headers.indexOf(header);
    if (field && index >= 0) columnOf.set(field, index);
  }
  const headerOf = (field: ImportField) => {
    const index = columnOf.get(field);
    return index === undefined ? IMPORT_FIELDS.find((f) => f.key === field)!.label : csv.headers[index]!;
  };
  const items: ImportItem[] = [];
  const errors: ImportRowError[] = [];
  const firstRowOf = new Map<string, number>();
  csv.rows.forEach((cells, i) => {
    const row = i + 2;
    const problems: ImportRowError[] = [];
    if (cells.length !== csv.headers.length) problems.push({ row, field: "(row)", reason: `has ${cells.length} cells; the header has ${csv.headers.length}` });
    const value = (field: ImportField): string | undefined => {
      const index = columnOf.get(field);
      const cell = index === undefined ? undefined : cells[index];
      return cell === undefined || cell === "" ? undefined : cell;
    };
    const money = (field: ImportField): number | string | undefined => {
      const text = value(field);
      if (text === undefined) return undefined;
      const cents = parseDollars(text);
      if (cents === null) problems.push({ row, field: headerOf(field), reason: "must be an amount in dollars, such as 1234.56" });
      return cents ?? text;
    };
    const flag = value("timeBarred")?.toLowerCase();
    if (flag !== undefined && !YES.has(flag) && !NO.has(flag)) problems.push({ row, field: headerOf("timeBarred"), reason: "must be yes or no" });
    const phone = value("phone");
    const item = {
      externalId: value("externalId"),
      creditor: value("creditor"),
      originalCreditor: value("originalCreditor"),
      originalAccountLast4: value("originalAccountLast4"),
      balanceCents: money("balance"),
      originalBalanceCents: money("originalBalance"),
      currency: value("currency")?.toUpperCase(),
      chargeOffDate: value("chargeOffDate"),
      statuteOfLimitationsDate: value("statuteOfLimitationsDate"),
      timeBarred: flag === undefined ? undefined : YES.has(flag),
      debtor: {
        externalId: value("debtorExternalId"),
        firstName: value("firstName"),
        lastName: value("lastName"),
        dateOfBirth: value("dateOfBirth"),
        email: value("email"),
        language: value("language"),
        addressLine1: value("addressLine1"),
        city: value("city"),
        state: value("state"),
        postalCode: value("postalCode"),
        timeZoneCandidates: value("timeZones")?.split("|").map((z) => z.trim()).filter(Boolean),
        phones: phone ? [{ number: phone, lineType: value("phoneLineType")?.toUpperCase(), tcpaConsentAt: value("phoneConsentAt"), tcpaConsentSource: value("phoneConsentSource") }] : undefined,
      },
    };
    if (problems.length === 0) {
      const parsed = AccountUpsertItemSchema.safeParse(item);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const path = issue.path.map(String).join(".");
          const field = FIELD_OF_PATH[path] ?? FIELD_OF_PATH[path.replace(/\.\d+$/, "")] ?? (path.split(".").at(-1) as ImportField);
          const known = IMPORT_FIELDS.some((f) => f.key === field);
          problems.push({ row, field: known ? headerOf(field) : path, reason: issue.message });
        }
      } else {
        const first = firstRowOf.get(parsed.data.externalId);
        if (first !== undefined) problems.push({ row, field: headerOf("externalId"), reason: `the account reference is also on row ${first}` });
        else firstRowOf.set(parsed.data.externalId, row);
      }
    }
    if (problems.length > 0) errors.push(...problems);
    else items.push({ row, item });
  });
  return { items, errors };
}
