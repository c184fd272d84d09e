-- H2 planned the lease's candidate query on tasks_queue (state, requires_gpu, queued_at),
-- which V2's tasks_queue_order extends, and then sorted every queued task to return the
-- first few: on a queue of 3,000 tasks that sort was the largest single cost of a no-op
-- task on the coordinator. The shorter index serves nothing the longer one does not.
DROP INDEX IF EXISTS tasks_queue;
