-- Two lookups that ran on every lease and every completion scanned more than they had to.
--
-- A lease asks for the oldest queued tasks in (queued_at, experiment_id, seq) order. The
-- tasks of one submission share queued_at, so with only (state, requires_gpu, queued_at)
-- indexed, each lease sorted the whole queue of a large experiment to find its first rows.
CREATE INDEX IF NOT EXISTS tasks_queue_order ON tasks (state, requires_gpu, queued_at, experiment_id, seq);

-- Whether an experiment still has a task that will run, asked on every completion, is one
-- index probe instead of a scan over the experiment's tasks.
CREATE INDEX IF NOT EXISTS tasks_by_experiment_state ON tasks (experiment_id, state);
