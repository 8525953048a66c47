import type { Db } from "../db";
import { AppError } from "../errors";
import { ImportReportSchema, type ImportReport } from "../contracts/import";

/** An import job as the console shows it (status, counts, first problems); polled for progress. */
export async function importReport(db: Db, jobId: string): Promise<ImportReport> {
  const job = await db.importJob.findUnique({ where: { id: jobId } });
  if (!job) throw new AppError("NOT_FOUND", "No import has this id.");
  const errors = ImportReportSchema.shape.errors.parse(job.errors);
  // Once done, valid rows that were not imported were refused by the upsert itself (reported too).
  const refusedByUpsert = job.status === "COMPLETED" ? job.validRows - job.importedRows : 0;
  return ImportReportSchema.parse({
    jobId: job.id,
    status: job.status,
    totalRows: job.totalRows,
    validRows: job.validRows,
    importedRows: job.importedRows,
    rejectedRows: job.totalRows - job.validRows + refusedByUpsert,
    errors,
  });
}
