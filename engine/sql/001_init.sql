-- Embedded Hatchet-compatible engine: all state in PostgreSQL, schema "hatchet".
CREATE TABLE hatchet.meta (
  key   text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE hatchet.tenants (
  id         uuid PRIMARY KEY,
  name       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE hatchet.workers (
  id                uuid PRIMARY KEY,
  tenant_id         uuid NOT NULL REFERENCES hatchet.tenants,
  name              text NOT NULL,
  actions           text[] NOT NULL,
  slot_config       jsonb NOT NULL,
  labels            jsonb NOT NULL DEFAULT '{}',
  runtime           jsonb NOT NULL DEFAULT '{}',
  paused            boolean NOT NULL DEFAULT false,
  last_heartbeat_at timestamptz NOT NULL,
  created_at        timestamptz NOT NULL
);

CREATE TABLE hatchet.workflows (
  id                uuid PRIMARY KEY,
  tenant_id         uuid NOT NULL REFERENCES hatchet.tenants,
  name              text NOT NULL,
  latest_version_id uuid,
  event_triggers    text[] NOT NULL DEFAULT '{}',
  created_at        timestamptz NOT NULL,
  UNIQUE (tenant_id, name)
);

CREATE TABLE hatchet.workflow_versions (
  id          uuid PRIMARY KEY,
  workflow_id uuid NOT NULL REFERENCES hatchet.workflows,
  checksum    text NOT NULL,
  definition  jsonb NOT NULL,
  created_at  timestamptz NOT NULL,
  UNIQUE (workflow_id, checksum)
);

CREATE TABLE hatchet.runs (
  id                   uuid PRIMARY KEY,
  tenant_id            uuid NOT NULL REFERENCES hatchet.tenants,
  workflow_id          uuid NOT NULL REFERENCES hatchet.workflows,
  workflow_version_id  uuid NOT NULL REFERENCES hatchet.workflow_versions,
  workflow_name        text NOT NULL,
  input                jsonb NOT NULL,
  additional_metadata  jsonb NOT NULL DEFAULT '{}',
  status               text NOT NULL,
  priority             int NOT NULL,
  parent_task_id       uuid,
  child_index          int,
  child_key            text,
  -- parent task + (child key ?? index): a retried parent reattaches to its children
  spawn_key            text UNIQUE,
  triggering_event_id  uuid,
  triggering_event_key text,
  created_at           timestamptz NOT NULL,
  finished_at          timestamptz
);
CREATE INDEX runs_tenant_created ON hatchet.runs (tenant_id, created_at DESC);
CREATE INDEX runs_parent ON hatchet.runs (parent_task_id) WHERE parent_task_id IS NOT NULL;

CREATE TABLE hatchet.tasks (
  id                   uuid PRIMARY KEY,
  tenant_id            uuid NOT NULL,
  run_id               uuid NOT NULL REFERENCES hatchet.runs,
  readable_id          text NOT NULL,
  action_id            text NOT NULL,
  -- task | on_failure
  kind                 text NOT NULL,
  parents              text[] NOT NULL,
  -- PENDING (waits for parents) | QUEUED | RUNNING | COMPLETED | FAILED | CANCELLED | SKIPPED
  status               text NOT NULL,
  priority             int NOT NULL,
  retry_count          int NOT NULL DEFAULT 0,
  app_retry_count      int NOT NULL DEFAULT 0,
  internal_retry_count int NOT NULL DEFAULT 0,
  max_retries          int NOT NULL,
  backoff_factor       double precision,
  backoff_max_seconds  int,
  timeout_ms           int NOT NULL,
  schedule_timeout_ms  int NOT NULL,
  slot_type            text NOT NULL,
  slot_cost            int NOT NULL,
  desired_worker_id    uuid,
  worker_id            uuid,
  available_at         timestamptz NOT NULL,
  queued_at            timestamptz,
  assigned_at          timestamptz,
  timeout_at           timestamptz,
  output               jsonb,
  error                text,
  created_at           timestamptz NOT NULL,
  finished_at          timestamptz
);
CREATE INDEX tasks_queue ON hatchet.tasks (priority DESC, queued_at, id) WHERE status = 'QUEUED';
CREATE INDEX tasks_running_worker ON hatchet.tasks (worker_id) WHERE status = 'RUNNING';
CREATE INDEX tasks_running_timeout ON hatchet.tasks (timeout_at) WHERE status = 'RUNNING';
CREATE INDEX tasks_run ON hatchet.tasks (run_id);

CREATE TABLE hatchet.task_events (
  id          bigserial PRIMARY KEY,
  task_id     uuid NOT NULL,
  retry_count int NOT NULL,
  event_type  text NOT NULL,
  message     text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL
);
CREATE INDEX task_events_task ON hatchet.task_events (task_id, id);

CREATE TABLE hatchet.events (
  id                  uuid PRIMARY KEY,
  tenant_id           uuid NOT NULL,
  key                 text NOT NULL,
  payload             jsonb NOT NULL,
  additional_metadata jsonb NOT NULL DEFAULT '{}',
  scope               text,
  created_at          timestamptz NOT NULL
);
CREATE INDEX events_key ON hatchet.events (tenant_id, key, created_at DESC);

CREATE TABLE hatchet.logs (
  id          bigserial PRIMARY KEY,
  task_id     uuid NOT NULL,
  retry_count int NOT NULL DEFAULT 0,
  level       text NOT NULL,
  message     text NOT NULL,
  created_at  timestamptz NOT NULL
);
CREATE INDEX logs_task ON hatchet.logs (task_id, id);

CREATE TABLE hatchet.rate_limits (
  tenant_id  uuid NOT NULL,
  key        text NOT NULL,
  limit_value int NOT NULL,
  duration   int NOT NULL,
  PRIMARY KEY (tenant_id, key)
);
