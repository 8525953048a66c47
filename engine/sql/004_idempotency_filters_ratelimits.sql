-- Idempotency keys: one row per key and tenant, held by the run that claimed it until expires_at
-- (or, for method STATUS, until that run ends). An expired row is simply claimed over.
CREATE TABLE hatchet.idempotency_keys (
  tenant_id  uuid NOT NULL,
  key        text NOT NULL,
  run_id     uuid NOT NULL,
  -- TTL | STATUS
  method     text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, key)
);

-- Event filters (REST `filters.*` and workflows' `defaultFilters`, the declarative ones).
CREATE TABLE hatchet.filters (
  id             uuid PRIMARY KEY,
  tenant_id      uuid NOT NULL,
  workflow_id    uuid NOT NULL REFERENCES hatchet.workflows ON DELETE CASCADE,
  scope          text NOT NULL,
  expression     text NOT NULL,
  payload        jsonb NOT NULL DEFAULT '{}',
  is_declarative boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL
);
CREATE INDEX filters_workflow_scope ON hatchet.filters (tenant_id, workflow_id, scope);

-- The filter that let an event start the run; its payload reaches tasks as ctx.filterPayload().
ALTER TABLE hatchet.runs ADD COLUMN filter_id uuid;
ALTER TABLE hatchet.runs ADD COLUMN filter_payload jsonb;

-- Rate limits: units left in the window that began at last_refill (NULL: never used, full).
ALTER TABLE hatchet.rate_limits ADD COLUMN value int;
ALTER TABLE hatchet.rate_limits ADD COLUMN last_refill timestamptz NOT NULL DEFAULT now();
-- What each task takes before it may be assigned: [{key, units, limit, duration}].
ALTER TABLE hatchet.tasks ADD COLUMN rate_limits jsonb NOT NULL DEFAULT '[]';
