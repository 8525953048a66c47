-- Throughput (issue #3): what every run pays for when it is created.

-- Foreign keys on the hot inserts: each one is a trigger per row that looks up and share-locks
-- the parent (4 per single-task run: tenant, workflow, version, run). The engine writes a run
-- and its tasks in one transaction and never deletes runs, so they guard nothing here.
ALTER TABLE hatchet.runs DROP CONSTRAINT IF EXISTS runs_tenant_id_fkey;
ALTER TABLE hatchet.runs DROP CONSTRAINT IF EXISTS runs_workflow_id_fkey;
ALTER TABLE hatchet.runs DROP CONSTRAINT IF EXISTS runs_workflow_version_id_fkey;
ALTER TABLE hatchet.tasks DROP CONSTRAINT IF EXISTS tasks_run_id_fkey;
