-- Scheduled runs (REST schedule/delay) and cron triggers (onCrons, REST crons): rows with a due
-- time, fired by the sweep with FOR UPDATE SKIP LOCKED. No timer per schedule lives in memory.
CREATE TABLE hatchet.scheduled_runs (
  id                  uuid PRIMARY KEY,
  tenant_id           uuid NOT NULL,
  workflow_name       text NOT NULL,
  trigger_at          timestamptz NOT NULL,
  input               jsonb NOT NULL,
  additional_metadata jsonb NOT NULL DEFAULT '{}',
  priority            int,
  fired_at            timestamptz,
  run_id              uuid,
  error               text,
  created_at          timestamptz NOT NULL
);
CREATE INDEX scheduled_runs_due ON hatchet.scheduled_runs (trigger_at) WHERE fired_at IS NULL;

CREATE TABLE hatchet.crons (
  id                  uuid PRIMARY KEY,
  tenant_id           uuid NOT NULL,
  workflow_name       text NOT NULL,
  name                text NOT NULL,
  expression          text NOT NULL,
  input               jsonb NOT NULL DEFAULT '{}',
  additional_metadata jsonb NOT NULL DEFAULT '{}',
  priority            int,
  -- DEFAULT: declared by the workflow (onCrons); API: created over REST
  method              text NOT NULL,
  enabled             boolean NOT NULL DEFAULT true,
  next_at             timestamptz NOT NULL,
  created_at          timestamptz NOT NULL,
  UNIQUE (tenant_id, workflow_name, name)
);
CREATE INDEX crons_due ON hatchet.crons (next_at) WHERE enabled;

CREATE TABLE hatchet.cron_runs (
  cron_id    uuid NOT NULL REFERENCES hatchet.crons ON DELETE CASCADE,
  run_id     uuid NOT NULL,
  due_at     timestamptz NOT NULL,
  PRIMARY KEY (cron_id, due_at)
);
