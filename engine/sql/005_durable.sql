-- Durable tasks (spec §10) and the waits behind them. Waits are rows indexed by due time and by
-- event key: a million sleeping journeys cost rows, not timers or memory.
ALTER TABLE hatchet.tasks
  ADD COLUMN durable     boolean NOT NULL DEFAULT false,
  -- Every dispatch of a durable task is a new invocation (first 1); its requests number their
  -- nodes from 1 again, on the task's current branch.
  ADD COLUMN invocation  int NOT NULL DEFAULT 0,
  ADD COLUMN branch_id   int NOT NULL DEFAULT 1,
  ADD COLUMN node_cursor int NOT NULL DEFAULT 0,
  -- Evicted: RUNNING for everyone looking, but on no worker, using no slot, not timing out.
  ADD COLUMN evicted     boolean NOT NULL DEFAULT false,
  -- DAG conditions (waitFor / skipIf / cancelIf) from the definition; a task waiting on them is
  -- WAITING, and the data that queued it is handed to it as `triggers`.
  ADD COLUMN conditions  jsonb,
  ADD COLUMN triggers    jsonb;

-- The durable event log: one entry per memo, wait or child, replayed to later invocations.
CREATE TABLE hatchet.durable_entries (
  task_id         uuid NOT NULL,
  branch_id       int NOT NULL,
  node_id         int NOT NULL,
  -- MEMO | WAIT_FOR | RUN
  kind            text NOT NULL,
  idempotency_key text NOT NULL,
  child_run_id    uuid,
  satisfied_at    timestamptz,
  -- Order in which the task's entries were satisfied: completions are delivered in it.
  satisfied_order int,
  payload         bytea,
  is_failure      boolean NOT NULL DEFAULT false,
  error_message   text,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (task_id, branch_id, node_id)
);
CREATE INDEX durable_entries_child ON hatchet.durable_entries (child_run_id) WHERE child_run_id IS NOT NULL AND satisfied_at IS NULL;

-- One row per condition. An owner (a durable entry, or a DAG task's action with node_id 0) fires
-- when each of its or-groups has a satisfied condition; its rows are then deleted.
CREATE TABLE hatchet.waits (
  id                bigserial PRIMARY KEY,
  tenant_id         uuid NOT NULL,
  task_id           uuid NOT NULL,
  branch_id         int NOT NULL,
  node_id           int NOT NULL,
  -- CREATE (durable) | QUEUE | CANCEL | SKIP (DAG conditions)
  action            text NOT NULL,
  or_group_id       text NOT NULL,
  -- SLEEP | EVENT
  kind              text NOT NULL,
  readable_data_key text NOT NULL,
  sleep_for         text,
  due_at            timestamptz,
  event_key         text,
  scope             text,
  expression        text NOT NULL DEFAULT '',
  -- Lookback: events stored since then count as if they arrived when the wait began.
  since             timestamptz,
  satisfied_at      timestamptz,
  data              jsonb,
  created_at        timestamptz NOT NULL
);
CREATE INDEX waits_due ON hatchet.waits (due_at) WHERE kind = 'SLEEP' AND satisfied_at IS NULL;
-- Scoped waits (one per journey) are found by key and scope, not by scanning every wait on the key.
CREATE INDEX waits_event ON hatchet.waits (tenant_id, event_key, scope) WHERE kind = 'EVENT' AND satisfied_at IS NULL;
CREATE INDEX waits_owner ON hatchet.waits (task_id, branch_id, node_id);

CREATE INDEX events_scope ON hatchet.events (tenant_id, key, scope, created_at DESC);
