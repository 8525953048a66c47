-- AlterTable
ALTER TABLE "disputes" ADD COLUMN     "assigned_at" TIMESTAMPTZ(3),
ADD COLUMN     "assignee_id" TEXT,
ADD COLUMN     "resolution_note" TEXT,
ADD COLUMN     "resolved_at" TIMESTAMPTZ(3),
ADD COLUMN     "resolved_by_id" TEXT;

-- AlterTable
ALTER TABLE "enrollments" ADD COLUMN     "escalation_assigned_at" TIMESTAMPTZ(3),
ADD COLUMN     "escalation_assignee_id" TEXT,
ADD COLUMN     "escalation_note" TEXT,
ADD COLUMN     "escalation_resolved_at" TIMESTAMPTZ(3),
ADD COLUMN     "escalation_resolved_by_id" TEXT;

-- CreateTable
CREATE TABLE "settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_by_id" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "disputes_status_received_at_idx" ON "disputes"("status", "received_at");

-- CreateIndex
CREATE INDEX "enrollments_escalated_at_escalation_resolved_at_idx" ON "enrollments"("escalated_at", "escalation_resolved_at");

-- AddForeignKey
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_escalation_assignee_id_fkey" FOREIGN KEY ("escalation_assignee_id") REFERENCES "operators"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "operators"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
