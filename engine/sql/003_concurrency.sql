-- Concurrency keys, computed from each entry's CEL expression when a run is created:
-- "<entry index>|<key>" per entry, with the entry's limit and strategy beside it.
ALTER TABLE hatchet.runs ADD COLUMN concurrency_keys text[] NOT NULL DEFAULT '{}';
ALTER TABLE hatchet.runs ADD COLUMN concurrency jsonb NOT NULL DEFAULT '[]';
ALTER TABLE hatchet.tasks ADD COLUMN concurrency_keys text[] NOT NULL DEFAULT '{}';
ALTER TABLE hatchet.tasks ADD COLUMN concurrency jsonb NOT NULL DEFAULT '[]';
-- Holders of a key: admitted runs and running tasks.
CREATE INDEX runs_concurrency_holders ON hatchet.runs USING gin (concurrency_keys) WHERE status = 'RUNNING';
CREATE INDEX tasks_concurrency_holders ON hatchet.tasks USING gin (concurrency_keys) WHERE status = 'RUNNING';
