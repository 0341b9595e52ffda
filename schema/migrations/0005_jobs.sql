-- Asynchronous work (exports, imports, ...) requested by a student and run later by a worker.
-- Compatibility: see 0001. JSONB exists on both engines; status is TEXT + CHECK instead of an
-- enum type (CREATE TYPE has no IF NOT EXISTS on PostgreSQL 15 for enums created twice).
CREATE TABLE IF NOT EXISTS jobs (
    student_id  UUID        NOT NULL,
    id          UUID        NOT NULL DEFAULT gen_random_uuid(),
    kind        TEXT        NOT NULL,
    payload     JSONB       NOT NULL DEFAULT '{}',
    status      TEXT        NOT NULL DEFAULT 'QUEUED',
    attempts    INT4        NOT NULL DEFAULT 0,
    progress    INT4        NOT NULL DEFAULT 0,
    result      JSONB       NULL,
    error       TEXT        NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at  TIMESTAMPTZ NULL,
    finished_at TIMESTAMPTZ NULL,
    CONSTRAINT jobs_pk PRIMARY KEY (student_id, id),
    CONSTRAINT jobs_status_check CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    CONSTRAINT jobs_progress_check CHECK (progress BETWEEN 0 AND 100)
);

-- A worker picks the oldest queued jobs across students.
CREATE INDEX IF NOT EXISTS jobs_status_created_idx ON jobs (status, created_at);

CREATE INDEX IF NOT EXISTS jobs_student_created_idx ON jobs (student_id, created_at DESC, id DESC);
