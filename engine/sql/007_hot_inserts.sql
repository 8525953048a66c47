-- Throughput (issue #3): what every run pays for when it is created.

-- Foreign keys on the hot inserts: each one is a trigger per row that looks up and share-locks
-- the parent (4 per single-task run: tenant, workflow, version, run). The engine writes a run
-- and its tasks in one transaction and never deletes runs, so they guard nothing here.
ALTER TABLE hatchet.runs DROP CONSTRAINT IF EXISTS runs_tenant_id_fkey;
ALTER TABLE hatchet.runs DROP CONSTRAINT IF EXISTS runs_workflow_id_fkey;
ALTER TABLE hatchet.runs DROP CONSTRAINT IF EXISTS runs_workflow_version_id_fkey;
ALTER TABLE hatchet.tasks DROP CONSTRAINT IF EXISTS tasks_run_id_fkey;

-- The concurrency holders' GIN indexes took an entry for every run and task that started, keys
-- or not (GIN indexes empty arrays too): only rows with keys are ever looked up in them.
DROP INDEX IF EXISTS hatchet.runs_concurrency_holders;
DROP INDEX IF EXISTS hatchet.tasks_concurrency_holders;
CREATE INDEX runs_concurrency_holders ON hatchet.runs USING gin (concurrency_keys) WHERE status = 'RUNNING' AND concurrency_keys <> '{}';
CREATE INDEX tasks_concurrency_holders ON hatchet.tasks USING gin (concurrency_keys) WHERE status = 'RUNNING' AND concurrency_keys <> '{}';
