import { randomBytes } from "node:crypto";
import type { Tx } from "../db";

let counter = 0;

/**
 * A cuid-shaped id ('c' + 8 base-36 time chars + 4 counter chars + 12 random), so rows inserted
 * here sort by creation time among Prisma's own cuids, which keyset pagination relies on.
 */
export function newId(): string {
  counter = (counter + 1) % 36 ** 4;
  const random = BigInt(`0x${randomBytes(8).toString("hex")}`).toString(36).padStart(12, "0").slice(-12);
  return `c${Date.now().toString(36).padStart(8, "0")}${counter.toString(36).padStart(4, "0")}${random}`;
}

/**
 * Inserts many rows in one statement: the rows travel as one JSON parameter and PostgreSQL's
 * jsonb_to_recordset types them (dates, enums, text[]). About 10× faster than Prisma's createMany
 * through the driver adapter for 10,000 rows. `table`, `columns` and `conflict` come from code,
 * never from input; values are only ever in the parameter.
 */
export async function insertRecordset(tx: Tx, table: string, columns: Record<string, string>, rows: Record<string, unknown>[], conflict: string, returning?: string): Promise<Record<string, string>[]> {
  if (rows.length === 0) return [];
  const names = Object.keys(columns);
  const sql = `INSERT INTO "${table}" (${names.join(", ")}, updated_at)
    SELECT ${names.map((n) => `r.${n}`).join(", ")}, now() FROM jsonb_to_recordset($1::jsonb) AS r(${names.map((n) => `${n} ${columns[n]}`).join(", ")})
    ${conflict}${returning ? ` RETURNING ${returning}` : ""}`;
  if (returning) return tx.$queryRawUnsafe<Record<string, string>[]>(sql, JSON.stringify(rows));
  await tx.$executeRawUnsafe(sql, JSON.stringify(rows));
  return [];
}

export const DEBTOR_COLUMNS = {
  id: "text", external_id: "text", first_name: "text", last_name: "text", date_of_birth: "date", email: "text", language: "text",
  address_line1: "text", address_line2: "text", city: "text", state: "text", postal_code: "text", time_zone_candidates: "text[]",
};
export const PHONE_COLUMNS = { id: "text", debtor_id: "text", number: "text", line_type: "line_type", priority: "int", source: "text", tcpa_consent_at: "timestamptz", tcpa_consent_source: "text" };
export const ACCOUNT_COLUMNS = {
  id: "text", external_id: "text", debtor_id: "text", creditor: "text", original_creditor: "text", original_account_last4: "text", balance_cents: "int",
  original_balance_cents: "int", currency: "text", charge_off_date: "date", statute_of_limitations_date: "date", time_barred: "boolean",
};
