-- AlterTable
ALTER TABLE "enrollments" ADD COLUMN     "line_queued_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "enrollments_campaign_id_line_queued_at_idx" ON "enrollments"("campaign_id", "line_queued_at");
