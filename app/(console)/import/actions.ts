"use server";

import { after } from "next/server";
import { z } from "zod";
import { IMPORT_FIELDS, MAX_IMPORT_BYTES, type ImportMapping, type ImportReport } from "@/lib/contracts/import";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { checkImport } from "@/lib/imports/check-import";
import { guessImportMapping } from "@/lib/imports/guess-import-mapping";
import { importBatches } from "@/lib/imports/import-batches";
import { importReport } from "@/lib/imports/import-report";
import { parseImportCsv } from "@/lib/imports/parse-import-csv";
import { startImport } from "@/lib/imports/start-import";
import { runAction, type ActionResult } from "../../_auth/action-result";
import { operatorActor } from "../../_auth/operator-actor";
import { parseForm } from "../../_auth/parse-form";
import { requireRole } from "../../_auth/require-role";

/** Importing a portfolio creates and changes accounts in bulk: supervisors and admins. */
const ROLE = "supervisor";

export type ImportStep =
  | (NonNullable<ActionResult> & { headers?: string[]; mapping?: ImportMapping; rows?: number; report?: ImportReport })
  | null;

/** The uploaded file of a form, as bytes; a clear error when there is none. */
async function uploaded(form: FormData): Promise<{ fileName: string; bytes: Uint8Array }> {
  const file = form.get("file");
  if (!(file instanceof File) || (file.size === 0 && file.name === "")) throw new AppError("VALIDATION_FAILED", "Choose a CSV file to upload.");
  // Checked before reading: the action's body limit is a little above this, for the form's other fields.
  if (file.size > MAX_IMPORT_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `The file is ${(file.size / 1048576).toFixed(1)} MB; the limit is ${MAX_IMPORT_BYTES / 1048576} MB. Split it into smaller files.`);
  return { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

const MappingFieldSchema = z.object({ mapping: z.string().max(100_000) });
function mappingOf(form: FormData): unknown {
  const { mapping } = parseForm(MappingFieldSchema, form);
  try {
    return JSON.parse(mapping);
  } catch {
    throw new AppError("VALIDATION_FAILED", "The column mapping could not be read; choose the file again.");
  }
}

/** Step 1: read the file's headers and guess the mapping. Writes nothing. */
export async function readHeadersAction(_previous: ImportStep, form: FormData): Promise<ImportStep> {
  let read: { headers: string[]; mapping: ImportMapping; rows: number } | undefined;
  const result = await runAction("import.headers", async () => {
    await requireRole(ROLE, { mutation: true });
    const file = await uploaded(form);
    const csv = parseImportCsv(file.fileName, file.bytes);
    const mapping = guessImportMapping(csv.headers);
    read = { headers: csv.headers, mapping, rows: csv.rows.length };
    const unmapped = IMPORT_FIELDS.filter((f) => f.required && !Object.values(mapping).includes(f.key));
    return `${csv.rows.length} row(s) and ${csv.headers.length} column(s) read.${unmapped.length > 0 ? ` Choose a column for: ${unmapped.map((f) => f.label).join(", ")}.` : " Check the mapping, then check the file."}`;
  });
  return result && read ? { ...result, ...read } : result;
}

/** Step 2: check every row with the mapping; records the ImportJob (REJECTED when any row is bad). */
export async function checkImportAction(_previous: ImportStep, form: FormData): Promise<ImportStep> {
  let report: ImportReport | undefined;
  const result = await runAction("import.check", async () => {
    const operator = await requireRole(ROLE, { mutation: true });
    report = await checkImport(db(), { ...(await uploaded(form)), mapping: mappingOf(form) }, operatorActor(operator));
    const bad = report.totalRows - report.validRows;
    return bad === 0 ? `All ${report.totalRows} row(s) are valid.` : `${bad} of ${report.totalRows} row(s) have problems: nothing is imported unless you choose to import the ${report.validRows} valid row(s).`;
  });
  return result && report ? { ...result, report } : result;
}

const StartSchema = z.object({ jobId: z.string().min(1).max(64), validOnly: z.enum(["true", "false"]) });

/** Step 3: import (all rows, or only the valid ones of a rejected file) in the background, in batches. */
export async function startImportAction(_previous: ImportStep, form: FormData): Promise<ImportStep> {
  let report: ImportReport | undefined;
  const result = await runAction("import.start", async () => {
    const operator = await requireRole(ROLE, { mutation: true });
    const { jobId, validOnly } = parseForm(StartSchema, form);
    const actor = operatorActor(operator);
    const items = await startImport(db(), jobId, { ...(await uploaded(form)), mapping: mappingOf(form) }, { validOnly: validOnly === "true" }, actor);
    // After the answer is sent: the page polls the job's progress meanwhile.
    after(() => importBatches(db(), jobId, items, actor));
    report = await importReport(db(), jobId);
    return `Importing ${items.length} row(s)…`;
  });
  return result && report ? { ...result, report } : result;
}
