-- The store's first schema. Written in the subset that H2 (MODE=PostgreSQL,
-- DATABASE_TO_LOWER=TRUE) and PostgreSQL read alike: times are epoch milliseconds in
-- BIGINT (one representation both JDBC drivers decode the same way), JSON is VARCHAR
-- without a length (unbounded text on both), states are the enum names of TaskState and
-- ExperimentState.

CREATE TABLE IF NOT EXISTS experiments (
  id VARCHAR(36) PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  spec_json VARCHAR NOT NULL,
  state VARCHAR(16) NOT NULL,
  created_at BIGINT NOT NULL,
  finished_at BIGINT
);

CREATE INDEX IF NOT EXISTS experiments_created ON experiments (created_at);

-- queued_at orders the queue: set when a task first becomes ready and kept on retries, so
-- a retried task goes ahead of newer work. lease_ms is the duration the worker asked for,
-- which a heartbeat grants again.
CREATE TABLE IF NOT EXISTS tasks (
  id VARCHAR(36) PRIMARY KEY,
  experiment_id VARCHAR(36) NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  task_key VARCHAR(200) NOT NULL,
  kind VARCHAR(64) NOT NULL,
  state VARCHAR(16) NOT NULL,
  requires_gpu BOOLEAN NOT NULL,
  attempt INTEGER NOT NULL,
  max_attempts INTEGER NOT NULL,
  lease_owner VARCHAR(200),
  lease_ms BIGINT,
  lease_expires_at BIGINT,
  queued_at BIGINT,
  input_json VARCHAR NOT NULL,
  error VARCHAR(4000),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT tasks_key_unique UNIQUE (experiment_id, task_key)
);

CREATE INDEX IF NOT EXISTS tasks_queue ON tasks (state, requires_gpu, queued_at);
CREATE INDEX IF NOT EXISTS tasks_by_experiment ON tasks (experiment_id, seq);
CREATE INDEX IF NOT EXISTS tasks_lease_expiry ON tasks (state, lease_expires_at);

CREATE TABLE IF NOT EXISTS task_dependencies (
  task_id VARCHAR(36) NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  depends_on VARCHAR(36) NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  PRIMARY KEY (task_id, depends_on)
);

CREATE INDEX IF NOT EXISTS task_dependencies_reverse ON task_dependencies (depends_on);

-- The task id as primary key is what makes a result exactly-once.
CREATE TABLE IF NOT EXISTS results (
  task_id VARCHAR(36) PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
  experiment_id VARCHAR(36) NOT NULL,
  worker VARCHAR(200) NOT NULL,
  attempt INTEGER NOT NULL,
  result_json VARCHAR NOT NULL,
  recorded_at BIGINT NOT NULL
);

CREATE INDEX IF NOT EXISTS results_by_experiment ON results (experiment_id);

-- One row per curve: the stride of the kept points and the number the next point gets.
CREATE TABLE IF NOT EXISTS progress_series (
  task_id VARCHAR(36) NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  series VARCHAR(100) NOT NULL,
  stride BIGINT NOT NULL,
  next_seq BIGINT NOT NULL,
  PRIMARY KEY (task_id, series)
);

CREATE TABLE IF NOT EXISTS progress_points (
  task_id VARCHAR(36) NOT NULL,
  series VARCHAR(100) NOT NULL,
  seq BIGINT NOT NULL,
  x DOUBLE PRECISION NOT NULL,
  y DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (task_id, series, seq),
  FOREIGN KEY (task_id, series) REFERENCES progress_series (task_id, series) ON DELETE CASCADE
);
