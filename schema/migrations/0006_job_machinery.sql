-- The storage-first job queue: a job row is committed before its SQS message is published, claimed by a
-- worker with a lease (owner + expiry, extended by heartbeats), worked in chunks with a checkpoint, and
-- finished exactly once. Compatibility: see 0001. ADD COLUMN IF NOT EXISTS and DROP CONSTRAINT IF EXISTS
-- exist on both engines; a CHECK is replaced by a drop/add pair so a re-run of this file is harmless.
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS published BOOL NOT NULL DEFAULT false;

ALTER TABLE jobs ADD COLUMN IF NOT EXISTS lease_owner TEXT NULL;

ALTER TABLE jobs ADD COLUMN IF NOT EXISTS lease_expires_at TIMESTAMPTZ NULL;

-- A failed attempt waits until then before it is claimed again (backoff).
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS next_attempt_at TIMESTAMPTZ NULL;

ALTER TABLE jobs ADD COLUMN IF NOT EXISTS progress_done INT8 NOT NULL DEFAULT 0;

ALTER TABLE jobs ADD COLUMN IF NOT EXISTS progress_total INT8 NULL;

-- Where a rerun resumes (kind-specific JSON), written in the same transaction as the chunk it follows.
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS checkpoint JSONB NULL;

ALTER TABLE jobs ADD COLUMN IF NOT EXISTS error_code TEXT NULL;

ALTER TABLE jobs ADD COLUMN IF NOT EXISTS error_message TEXT NULL;

ALTER TABLE jobs ADD COLUMN IF NOT EXISTS cancel_requested BOOL NOT NULL DEFAULT false;

ALTER TABLE jobs DROP CONSTRAINT IF EXISTS jobs_status_check;

ALTER TABLE jobs DROP CONSTRAINT IF EXISTS jobs_progress_check;

ALTER TABLE jobs DROP CONSTRAINT IF EXISTS jobs_status_v2_check;

ALTER TABLE jobs ADD CONSTRAINT jobs_status_v2_check CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'));

-- The sweeper's two scans: committed but never published, and running with a lease that ran out.
CREATE INDEX IF NOT EXISTS jobs_unpublished_idx ON jobs (status, published, created_at);

CREATE INDEX IF NOT EXISTS jobs_lease_idx ON jobs (status, lease_expires_at);

-- Replaced by progress_done/progress_total and error_code/error_message (nothing read them yet).
ALTER TABLE jobs DROP COLUMN IF EXISTS progress;

ALTER TABLE jobs DROP COLUMN IF EXISTS error;
