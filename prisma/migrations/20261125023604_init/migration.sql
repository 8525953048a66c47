-- CreateEnum
CREATE TYPE "operator_role" AS ENUM ('ADMIN', 'SUPERVISOR', 'AGENT', 'VIEWER');

-- CreateEnum
CREATE TYPE "line_type" AS ENUM ('CELL', 'LANDLINE', 'VOIP', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "phone_status" AS ENUM ('ACTIVE', 'BAD_NUMBER', 'WRONG_PARTY', 'STOP_CALLING');

-- CreateEnum
CREATE TYPE "account_status" AS ENUM ('ACTIVE', 'PAID', 'SETTLED', 'DISPUTED', 'CEASED', 'CLOSED', 'RECALLED');

-- CreateEnum
CREATE TYPE "campaign_status" AS ENUM ('DRAFT', 'RUNNING', 'PAUSED', 'CANCELLED', 'COMPLETED');

-- CreateEnum
CREATE TYPE "journey_status" AS ENUM ('PENDING', 'QUEUED', 'DIALING', 'WAITING_CALL', 'SUMMARIZING', 'WAITING_PAYMENT', 'WAITING_RETRY', 'PROMISE_PENDING', 'PAID', 'CLOSED', 'DISPUTED', 'CEASED', 'ESCALATED', 'EXHAUSTED', 'CANCELLED', 'FAILED');

-- CreateEnum
CREATE TYPE "call_direction" AS ENUM ('OUTBOUND', 'INBOUND');

-- CreateEnum
CREATE TYPE "call_outcome" AS ENUM ('NOT_IN_SERVICE', 'BUSY', 'CARRIER_ERROR', 'NO_ANSWER', 'VOICEMAIL', 'ANSWERED_SILENT', 'UNVERIFIED_PERSON', 'WRONG_PARTY', 'RIGHT_PARTY_CONTACT', 'PROMISE_TO_PAY', 'PAID_ON_CALL', 'DISPUTE', 'REFUSAL_TO_PAY', 'CEASE_REQUEST', 'ATTORNEY_REPRESENTED', 'INCONVENIENT_TIME', 'CALLBACK_REQUESTED', 'INBOUND_CONVERSATION');

-- CreateEnum
CREATE TYPE "summary_source" AS ENUM ('LLM', 'OFFLINE_RULES');

-- CreateEnum
CREATE TYPE "payment_status" AS ENUM ('APPLIED', 'PARKED', 'REVERSED');

-- CreateEnum
CREATE TYPE "promise_status" AS ENUM ('PENDING', 'KEPT', 'BROKEN', 'CANCELLED');

-- CreateEnum
CREATE TYPE "dispute_channel" AS ENUM ('ORAL', 'WRITTEN');

-- CreateEnum
CREATE TYPE "dispute_status" AS ENUM ('OPEN', 'VERIFIED', 'RESOLVED');

-- CreateEnum
CREATE TYPE "compliance_verdict" AS ENUM ('ALLOW', 'DENY');

-- CreateEnum
CREATE TYPE "delivery_status" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

-- CreateEnum
CREATE TYPE "actor_type" AS ENUM ('OPERATOR', 'API_KEY', 'SYSTEM', 'WORKFLOW');

-- CreateEnum
CREATE TYPE "import_status" AS ENUM ('VALIDATING', 'REJECTED', 'IMPORTING', 'COMPLETED', 'FAILED');

-- CreateTable
CREATE TABLE "operators" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "operator_role" NOT NULL,
    "disabled_at" TIMESTAMPTZ(3),
    "last_login_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "operators_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "rate_limit_per_minute" INTEGER NOT NULL DEFAULT 600,
    "created_by_id" TEXT,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "debtors" (
    "id" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "first_name" TEXT NOT NULL,
    "last_name" TEXT NOT NULL,
    "date_of_birth" DATE,
    "email" TEXT,
    "language" TEXT NOT NULL DEFAULT 'en',
    "address_line1" TEXT,
    "address_line2" TEXT,
    "city" TEXT,
    "state" CHAR(2),
    "postal_code" TEXT,
    "time_zone_candidates" TEXT[],
    "cease_communication_at" TIMESTAMPTZ(3),
    "refused_to_pay_at" TIMESTAMPTZ(3),
    "stop_calling_at" TIMESTAMPTZ(3),
    "attorney_represented_at" TIMESTAMPTZ(3),
    "attorney_name" TEXT,
    "attorney_phone" TEXT,
    "bankruptcy_at" TIMESTAMPTZ(3),
    "deceased_at" TIMESTAMPTZ(3),
    "do_not_call" BOOLEAN NOT NULL DEFAULT false,
    "inconvenient_times" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "debtors_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "phones" (
    "id" TEXT NOT NULL,
    "debtor_id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "line_type" "line_type" NOT NULL DEFAULT 'UNKNOWN',
    "status" "phone_status" NOT NULL DEFAULT 'ACTIVE',
    "tcpa_consent_at" TIMESTAMPTZ(3),
    "tcpa_consent_source" TEXT,
    "consent_revoked_at" TIMESTAMPTZ(3),
    "source" TEXT,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "phones_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "accounts" (
    "id" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "debtor_id" TEXT NOT NULL,
    "creditor" TEXT NOT NULL,
    "original_creditor" TEXT,
    "original_account_last4" VARCHAR(4),
    "balance_cents" INTEGER NOT NULL,
    "original_balance_cents" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'USD',
    "charge_off_date" DATE,
    "statute_of_limitations_date" DATE,
    "time_barred" BOOLEAN NOT NULL DEFAULT false,
    "status" "account_status" NOT NULL DEFAULT 'ACTIVE',
    "dispute_pending_at" TIMESTAMPTZ(3),
    "validation_notice_sent_at" TIMESTAMPTZ(3),
    "validation_notice_failed_at" TIMESTAMPTZ(3),
    "call_consent_received_at" TIMESTAMPTZ(3),
    "call_consent_ends_at" TIMESTAMPTZ(3),
    "call_consent_revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaigns" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" "campaign_status" NOT NULL DEFAULT 'DRAFT',
    "strategy" JSONB NOT NULL,
    "segment" JSONB NOT NULL,
    "concurrency" INTEGER NOT NULL DEFAULT 50,
    "caller_id" TEXT,
    "sip_trunk_id" TEXT,
    "workflow_run_id" TEXT,
    "created_by_id" TEXT,
    "launched_at" TIMESTAMPTZ(3),
    "paused_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "campaigns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "enrollments" (
    "id" TEXT NOT NULL,
    "campaign_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "journey_status" "journey_status" NOT NULL DEFAULT 'PENDING',
    "workflow_run_id" TEXT,
    "attempts_made" INTEGER NOT NULL DEFAULT 0,
    "next_action_at" TIMESTAMPTZ(3),
    "closed_reason" TEXT,
    "escalated_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "enrollments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "call_attempts" (
    "id" TEXT NOT NULL,
    "enrollment_id" TEXT,
    "debtor_id" TEXT NOT NULL,
    "phone_id" TEXT,
    "phone_number" TEXT NOT NULL,
    "direction" "call_direction" NOT NULL DEFAULT 'OUTBOUND',
    "idempotency_key" TEXT NOT NULL,
    "placed_at" TIMESTAMPTZ(3) NOT NULL,
    "answered_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "sip_status" INTEGER,
    "sip_result" TEXT,
    "outcome" "call_outcome",
    "counted" BOOLEAN NOT NULL DEFAULT true,
    "conversation" BOOLEAN NOT NULL DEFAULT false,
    "room_name" TEXT,
    "sip_call_id" TEXT,
    "recording_ref" TEXT,
    "disclosures" JSONB NOT NULL DEFAULT '{}',
    "cost_cents" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "call_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "call_attempt_debts" (
    "attempt_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,

    CONSTRAINT "call_attempt_debts_pkey" PRIMARY KEY ("attempt_id","account_id")
);

-- CreateTable
CREATE TABLE "transcripts" (
    "id" TEXT NOT NULL,
    "attempt_id" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'en',
    "segments" JSONB NOT NULL,
    "disposition" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "transcripts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "call_summaries" (
    "id" TEXT NOT NULL,
    "attempt_id" TEXT NOT NULL,
    "source" "summary_source" NOT NULL,
    "model" TEXT,
    "summary" TEXT NOT NULL,
    "outcome" "call_outcome" NOT NULL,
    "right_party_contact" BOOLEAN NOT NULL,
    "promise_amount_cents" INTEGER,
    "promise_date" DATE,
    "dispute" BOOLEAN NOT NULL DEFAULT false,
    "cease_request" BOOLEAN NOT NULL DEFAULT false,
    "callback_at" TIMESTAMPTZ(3),
    "hardship" BOOLEAN NOT NULL DEFAULT false,
    "sentiment" TEXT,
    "next_best_action" TEXT,
    "confidence" DOUBLE PRECISION NOT NULL,
    "prompt_tokens" INTEGER,
    "completion_tokens" INTEGER,
    "cost_micros" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "call_summaries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payments" (
    "id" TEXT NOT NULL,
    "account_id" TEXT,
    "account_external_id" TEXT,
    "provider" TEXT NOT NULL,
    "provider_payment_id" TEXT NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'USD',
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "payment_status" NOT NULL DEFAULT 'APPLIED',
    "raw" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "promises_to_pay" (
    "id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "attempt_id" TEXT,
    "amount_cents" INTEGER NOT NULL,
    "due_date" DATE NOT NULL,
    "grace_days" INTEGER NOT NULL DEFAULT 3,
    "status" "promise_status" NOT NULL DEFAULT 'PENDING',
    "resolved_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "promises_to_pay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "disputes" (
    "id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "channel" "dispute_channel" NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT,
    "status" "dispute_status" NOT NULL DEFAULT 'OPEN',
    "verification_sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "disputes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "compliance_decisions" (
    "id" TEXT NOT NULL,
    "debtor_id" TEXT NOT NULL,
    "account_ids" TEXT[],
    "phone_id" TEXT,
    "enrollment_id" TEXT,
    "attempt_id" TEXT,
    "decision" "compliance_verdict" NOT NULL,
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "next_allowed_at" TIMESTAMPTZ(3),
    "evaluated_at" TIMESTAMPTZ(3) NOT NULL,
    "snapshot" JSONB NOT NULL,

    CONSTRAINT "compliance_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_events" (
    "id" BIGSERIAL NOT NULL,
    "aggregate_type" TEXT NOT NULL,
    "aggregate_id" TEXT NOT NULL,
    "event_key" TEXT NOT NULL,
    "scope" TEXT,
    "payload" JSONB NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,

    CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_endpoints" (
    "id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "events" TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" TEXT NOT NULL,
    "endpoint_id" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "delivery_status" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_status_code" INTEGER,
    "last_error" TEXT,
    "next_attempt_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_records" (
    "id" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "response_status" INTEGER,
    "response_body" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "idempotency_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "actor_type" "actor_type" NOT NULL,
    "actor_id" TEXT,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "request_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_jobs" (
    "id" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "status" "import_status" NOT NULL DEFAULT 'VALIDATING',
    "mapping" JSONB NOT NULL DEFAULT '{}',
    "total_rows" INTEGER NOT NULL DEFAULT 0,
    "valid_rows" INTEGER NOT NULL DEFAULT 0,
    "imported_rows" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "import_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "operators_email_key" ON "operators"("email");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys"("hash");

-- CreateIndex
CREATE UNIQUE INDEX "debtors_external_id_key" ON "debtors"("external_id");

-- CreateIndex
CREATE INDEX "debtors_last_name_first_name_idx" ON "debtors"("last_name", "first_name");

-- CreateIndex
CREATE INDEX "phones_number_idx" ON "phones"("number");

-- CreateIndex
CREATE UNIQUE INDEX "phones_debtor_id_number_key" ON "phones"("debtor_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "accounts_external_id_key" ON "accounts"("external_id");

-- CreateIndex
CREATE INDEX "accounts_debtor_id_idx" ON "accounts"("debtor_id");

-- CreateIndex
CREATE INDEX "accounts_status_idx" ON "accounts"("status");

-- CreateIndex
CREATE INDEX "campaigns_status_idx" ON "campaigns"("status");

-- CreateIndex
CREATE INDEX "enrollments_campaign_id_journey_status_idx" ON "enrollments"("campaign_id", "journey_status");

-- CreateIndex
CREATE INDEX "enrollments_account_id_idx" ON "enrollments"("account_id");

-- CreateIndex
CREATE INDEX "enrollments_journey_status_next_action_at_idx" ON "enrollments"("journey_status", "next_action_at");

-- CreateIndex
CREATE UNIQUE INDEX "enrollments_campaign_id_account_id_key" ON "enrollments"("campaign_id", "account_id");

-- CreateIndex
CREATE UNIQUE INDEX "call_attempts_idempotency_key_key" ON "call_attempts"("idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "call_attempts_room_name_key" ON "call_attempts"("room_name");

-- CreateIndex
CREATE INDEX "call_attempts_debtor_id_placed_at_idx" ON "call_attempts"("debtor_id", "placed_at");

-- CreateIndex
CREATE INDEX "call_attempts_phone_number_placed_at_idx" ON "call_attempts"("phone_number", "placed_at");

-- CreateIndex
CREATE INDEX "call_attempts_enrollment_id_placed_at_idx" ON "call_attempts"("enrollment_id", "placed_at");

-- CreateIndex
CREATE INDEX "call_attempt_debts_account_id_idx" ON "call_attempt_debts"("account_id");

-- CreateIndex
CREATE UNIQUE INDEX "transcripts_attempt_id_key" ON "transcripts"("attempt_id");

-- CreateIndex
CREATE UNIQUE INDEX "call_summaries_attempt_id_key" ON "call_summaries"("attempt_id");

-- CreateIndex
CREATE INDEX "payments_account_id_received_at_idx" ON "payments"("account_id", "received_at");

-- CreateIndex
CREATE INDEX "payments_status_idx" ON "payments"("status");

-- CreateIndex
CREATE UNIQUE INDEX "payments_provider_provider_payment_id_key" ON "payments"("provider", "provider_payment_id");

-- CreateIndex
CREATE INDEX "promises_to_pay_account_id_status_idx" ON "promises_to_pay"("account_id", "status");

-- CreateIndex
CREATE INDEX "promises_to_pay_status_due_date_idx" ON "promises_to_pay"("status", "due_date");

-- CreateIndex
CREATE INDEX "disputes_account_id_status_idx" ON "disputes"("account_id", "status");

-- CreateIndex
CREATE INDEX "compliance_decisions_debtor_id_evaluated_at_idx" ON "compliance_decisions"("debtor_id", "evaluated_at");

-- CreateIndex
CREATE INDEX "compliance_decisions_enrollment_id_evaluated_at_idx" ON "compliance_decisions"("enrollment_id", "evaluated_at");

-- CreateIndex
CREATE INDEX "compliance_decisions_decision_evaluated_at_idx" ON "compliance_decisions"("decision", "evaluated_at");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_events_idempotency_key_key" ON "outbox_events"("idempotency_key");

-- CreateIndex
CREATE INDEX "outbox_events_published_at_id_idx" ON "outbox_events"("published_at", "id");

-- CreateIndex
CREATE INDEX "outbox_events_aggregate_type_aggregate_id_id_idx" ON "outbox_events"("aggregate_type", "aggregate_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_deliveries_idempotency_key_key" ON "webhook_deliveries"("idempotency_key");

-- CreateIndex
CREATE INDEX "webhook_deliveries_status_next_attempt_at_idx" ON "webhook_deliveries"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "webhook_deliveries_endpoint_id_created_at_idx" ON "webhook_deliveries"("endpoint_id", "created_at");

-- CreateIndex
CREATE INDEX "idempotency_records_expires_at_idx" ON "idempotency_records"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "idempotency_records_scope_key_key" ON "idempotency_records"("scope", "key");

-- CreateIndex
CREATE INDEX "audit_log_entity_type_entity_id_created_at_idx" ON "audit_log"("entity_type", "entity_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_log_actor_type_actor_id_created_at_idx" ON "audit_log"("actor_type", "actor_id", "created_at");

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "operators"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "phones" ADD CONSTRAINT "phones_debtor_id_fkey" FOREIGN KEY ("debtor_id") REFERENCES "debtors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_debtor_id_fkey" FOREIGN KEY ("debtor_id") REFERENCES "debtors"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "operators"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_attempts" ADD CONSTRAINT "call_attempts_enrollment_id_fkey" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_attempts" ADD CONSTRAINT "call_attempts_debtor_id_fkey" FOREIGN KEY ("debtor_id") REFERENCES "debtors"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_attempts" ADD CONSTRAINT "call_attempts_phone_id_fkey" FOREIGN KEY ("phone_id") REFERENCES "phones"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_attempt_debts" ADD CONSTRAINT "call_attempt_debts_attempt_id_fkey" FOREIGN KEY ("attempt_id") REFERENCES "call_attempts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_attempt_debts" ADD CONSTRAINT "call_attempt_debts_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transcripts" ADD CONSTRAINT "transcripts_attempt_id_fkey" FOREIGN KEY ("attempt_id") REFERENCES "call_attempts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_summaries" ADD CONSTRAINT "call_summaries_attempt_id_fkey" FOREIGN KEY ("attempt_id") REFERENCES "call_attempts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promises_to_pay" ADD CONSTRAINT "promises_to_pay_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promises_to_pay" ADD CONSTRAINT "promises_to_pay_attempt_id_fkey" FOREIGN KEY ("attempt_id") REFERENCES "call_attempts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "compliance_decisions" ADD CONSTRAINT "compliance_decisions_debtor_id_fkey" FOREIGN KEY ("debtor_id") REFERENCES "debtors"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "compliance_decisions" ADD CONSTRAINT "compliance_decisions_enrollment_id_fkey" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;
