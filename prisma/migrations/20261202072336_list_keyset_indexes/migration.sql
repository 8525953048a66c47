-- DropIndex
DROP INDEX "accounts_status_idx";

-- DropIndex
DROP INDEX "enrollments_campaign_id_journey_status_idx";

-- CreateIndex
CREATE INDEX "accounts_status_id_idx" ON "accounts"("status", "id");

-- CreateIndex
CREATE INDEX "enrollments_campaign_id_id_idx" ON "enrollments"("campaign_id", "id");

-- CreateIndex
CREATE INDEX "enrollments_campaign_id_journey_status_id_idx" ON "enrollments"("campaign_id", "journey_status", "id");
