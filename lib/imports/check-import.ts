import type { Db } from "../db";
import { transaction } from "../db";
import { AppError } from "../errors";
import type { Actor } from "../audit/actor";
import { recordAudit } from "../audit/record-audit";
import { IMPORT_FIELDS, ImportMappingSchema, MAX_REPORTED_ERRORS, type ImportReport } from "../contracts/import";
import { importReport } from "./import-report";
import { parseImportCsv } from "./parse-import-csv";
import { rowsToUpsertItems, type ImportItem } from "./rows-to-upsert-items";

export interface ImportFile {
  fileName: string;
  bytes: Uint8Array;
  mapping: unknown;
}

/**
 * Parses a file with its column mapping and checks every row; nothing is written but the report.
 * Shared by checkImport and startImport, so the rows imported are exactly the rows checked.
 */
export function readImportFile(file: ImportFile): { totalRows: number; items: ImportItem[]; errors: ReturnType<typeof rowsToUpsertItems>["errors"]; mapping: Record<string, string> } {
  const csv = parseImportCsv(file.fileName, file.bytes);
  const mapping = ImportMappingSchema.parse(file.mapping);
  const unknown = Object.keys(mapping).filter((h) => !csv.headers.includes(h));
  if (unknown.length > 0) throw new AppError("VALIDATION_FAILED", `The mapping names columns the file does not have: ${unknown.join(", ")}.`);
  const mapped = new Set(Object.values(mapping));
  const missing = IMPORT_FIELDS.filter((f) => f.required && !mapped.has(f.key)).map((f) => f.label);
  if (missing.length > 0) throw new AppError("VALIDATION_FAILED", `Choose a column for: ${missing.join(", ")}.`);
  return { totalRows: csv.rows.length, mapping, ...rowsToUpsertItems(csv, mapping) };
}

/**
 * Checks an uploaded portfolio file and records the check as an ImportJob: VALIDATING when every
 * row is good (ready to import), REJECTED when some are not — then nothing is imported unless
 * the operator asks for the valid rows (startImport with validOnly). Audited.
 */
export async function checkImport(db: Db, file: ImportFile, actor: Actor): Promise<ImportReport> {
  const { totalRows, items, errors, mapping } = readImportFile(file);
  const job = await transaction(db, "import-check", async (tx) => {
    const created = await tx.importJob.create({
      data: {
        fileName: file.fileName.slice(0, 255),
        status: errors.length > 0 ? "REJECTED" : "VALIDATING",
        mapping,
        totalRows,
        validRows: items.length,
        errors: errors.slice(0, MAX_REPORTED_ERRORS),
        createdById: actor.type === "OPERATOR" ? actor.id : null,
      },
    });
    await recordAudit(tx, actor, "import.check", { type: "import_job", id: created.id }, { fileName: created.fileName, totalRows, validRows: items.length });
    return created;
  });
  return importReport(db, job.id);
}
