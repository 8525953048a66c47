-- CreateIndex
CREATE INDEX "call_attempts_outcome_placed_at_idx" ON "call_attempts"("outcome", "placed_at");
