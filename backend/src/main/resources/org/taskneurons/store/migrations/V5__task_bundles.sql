-- Bundles (issue 13, item 2): a worker slot may lease several queued tasks that train as one
-- batched pass. bundle_key names what such tasks share besides their experiment (a training's
-- data set, model and structure); tasks with the same experiment and key are compatible.
-- NULL (discoveries, search trials, noops, and every task stored before this migration) is
-- never bundled.
ALTER TABLE tasks ADD COLUMN IF NOT EXISTS bundle_key VARCHAR(200);

-- A bundle's head is the oldest queued task; its companions are the oldest queued tasks of the
-- same experiment and key, read through this index in queue order.
CREATE INDEX IF NOT EXISTS tasks_bundle ON tasks (experiment_id, bundle_key, state, queued_at, seq);
