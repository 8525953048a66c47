import { isDeepStrictEqual } from "node:util";
import type { Db } from "../db";
import { transaction } from "../db";
import { AppError } from "../errors";
import type { Actor } from "../audit/actor";
import { recordAudit } from "../audit/record-audit";
import { readImportFile, type ImportFile } from "./check-import";
import type { ImportItem } from "./rows-to-upsert-items";

/**
 * Claims a checked import for running and returns the rows to write (hand them to importBatches).
 * The file is sent again rather than kept on the server; it must read exactly as it did at the
 * check (same mapping, same counts), or the operator checks it again. A file with bad rows runs
 * only with `validOnly`. The claim is one conditional update, so a double submit imports once.
 */
export async function startImport(db: Db, jobId: string, file: ImportFile, options: { validOnly: boolean }, actor: Actor): Promise<ImportItem[]> {
  const job = await db.importJob.findUnique({ where: { id: jobId } });
  if (!job) throw new AppError("NOT_FOUND", "No import has this id.");
  const read = readImportFile(file);
  if (!isDeepStrictEqual(read.mapping, job.mapping) || read.totalRows !== job.totalRows || read.items.length !== job.validRows) {
    throw new AppError("CONFLICT", "The file or its mapping changed since the check: check it again.");
  }
  if (job.status === "REJECTED" && !options.validOnly) throw new AppError("CONFLICT", "Some rows are invalid: fix the file, or choose to import only the valid rows.");
  if (read.items.length === 0) throw new AppError("CONFLICT", "No row of this file is valid: nothing to import.");
  return transaction(db, "import-start", async (tx) => {
    const claimed = await tx.importJob.updateMany({ where: { id: jobId, status: { in: ["VALIDATING", "REJECTED"] } }, data: { status: "IMPORTING" } });
    if (claimed.count === 0) throw new AppError("CONFLICT", `This import is already ${job.status === "IMPORTING" ? "running" : job.status.toLowerCase()}.`);
    await recordAudit(tx, actor, "import.start", { type: "import_job", id: jobId }, { rows: read.items.length, validOnly: options.validOnly });
    return read.items;
  });
}
