-- The queue (issue #3): read per action and slot type, and what the sweep reads of it.

-- The queue per action and slot type: the scheduler reads the head of each queue that has a
-- worker with free slots of that type, so tasks waiting for full slots (a campaign's durable
-- journeys) never hide the tasks behind them that could run (their children, on regular slots).
-- `-priority` rather than `priority DESC`: one direction throughout lets a page start after the
-- previous one with a row comparison that is an index bound.
DROP INDEX IF EXISTS hatchet.tasks_queue;
CREATE INDEX tasks_queue ON hatchet.tasks (action_id, slot_type, (-priority), queued_at, id) WHERE status = 'QUEUED';

-- Whether the task's run has workflow-level concurrency keys: only then does the scheduler read
-- the run to admit it.
ALTER TABLE hatchet.tasks ADD COLUMN run_concurrency boolean NOT NULL DEFAULT false;
UPDATE hatchet.tasks t SET run_concurrency = true FROM hatchet.runs r
WHERE r.id = t.run_id AND r.concurrency <> '[]'::jsonb AND t.status NOT IN ('COMPLETED', 'FAILED', 'CANCELLED', 'SKIPPED');

-- When a queued task's schedule timeout ends. Adding a span of milliseconds to a timestamptz does
-- not depend on the time zone (no days or months in it), so the function may be indexed; the
-- sweep then reads only the expired tasks instead of every queued one each second.
CREATE FUNCTION hatchet.schedule_deadline(queued_at timestamptz, timeout_ms int) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN queued_at + timeout_ms * interval '1 millisecond';
CREATE INDEX tasks_schedule_deadline ON hatchet.tasks (hatchet.schedule_deadline(queued_at, schedule_timeout_ms)) WHERE status = 'QUEUED';
