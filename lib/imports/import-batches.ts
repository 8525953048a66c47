import type { Db } from "../db";
import { transaction } from "../db";
import type { Actor } from "../audit/actor";
import { recordAudit } from "../audit/record-audit";
import { IMPORT_BATCH_SIZE, ImportReportSchema, MAX_REPORTED_ERRORS, type ImportRowError } from "../contracts/import";
import { upsertAccounts } from "../debtors/upsert-accounts";
import type { ImportItem } from "./rows-to-upsert-items";

/**
 * Writes a claimed import (startImport) through upsertAccounts, the API's bulk upsert, in batches
 * of IMPORT_BATCH_SIZE: each batch is its own transaction and moves `importedRows`, which the
 * console polls as progress. A row the upsert refuses (e.g. an account reference that belongs to
 * another debtor) joins the job's report. Ends COMPLETED, or FAILED if a batch throws: the rows of
 * earlier batches stay imported, and importing the file again updates them without duplicates.
 */
export async function importBatches(db: Db, jobId: string, items: ImportItem[], actor: Actor): Promise<void> {
  const job = await db.importJob.findUniqueOrThrow({ where: { id: jobId } });
  const errors: ImportRowError[] = ImportReportSchema.shape.errors.parse(job.errors);
  const importActor: Actor = { ...actor, requestId: `import:${jobId}` };
  let imported = 0;
  try {
    for (let start = 0; start < items.length; start += IMPORT_BATCH_SIZE) {
      const batch = items.slice(start, start + IMPORT_BATCH_SIZE);
      const result = await upsertAccounts(db, { items: batch.map((b) => b.item) }, importActor);
      for (const r of result.items) {
        if (r.result !== "rejected") imported += 1;
        else for (const e of r.errors) errors.push({ row: batch[r.index]!.row, field: e.path, reason: e.message });
      }
      await db.importJob.update({ where: { id: jobId }, data: { importedRows: imported, errors: errors.slice(0, MAX_REPORTED_ERRORS) } });
    }
    await transaction(db, "import-complete", async (tx) => {
      await tx.importJob.update({ where: { id: jobId }, data: { status: "COMPLETED", finishedAt: new Date() } });
      await recordAudit(tx, actor, "import.complete", { type: "import_job", id: jobId }, { importedRows: imported });
    });
  } catch (error) {
    console.error({ err: error, jobId }, "portfolio import failed");
    await db.importJob.update({ where: { id: jobId }, data: { status: "FAILED", finishedAt: new Date(), importedRows: imported } });
  }
}
