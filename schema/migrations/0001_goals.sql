-- Goals owned by one student.
-- Compatibility (PostgreSQL 15 and CockroachDB 23.1+):
--   * UUID ids from gen_random_uuid(): built in on both (no extension, no SERIAL; sequences are
--     a hotspot on CockroachDB).
--   * PRIMARY KEY (student_id, id): one student's rows sit together (one range on CockroachDB),
--     and every lookup is by student first.
--   * updated_at is set by the repository SQL (SET updated_at = now()), not by a trigger:
--     CockroachDB only gained triggers in 24.3, and the migrations contain no PL/pgSQL.
--   * Every statement is idempotent (IF NOT EXISTS) so a half-applied file can simply be re-run:
--     CockroachDB does not make several schema changes atomic, so the runner applies one
--     statement per transaction.
--   * Constraints are declared inline in CREATE TABLE (ALTER TABLE ... ADD CONSTRAINT has no
--     IF NOT EXISTS on PostgreSQL).
CREATE TABLE IF NOT EXISTS goals (
    student_id  UUID        NOT NULL,
    id          UUID        NOT NULL DEFAULT gen_random_uuid(),
    goal_type   TEXT        NOT NULL,
    title       TEXT        NOT NULL,
    information TEXT        NOT NULL DEFAULT '',
    complete    BOOL        NOT NULL DEFAULT false,
    due_at      TIMESTAMPTZ NULL,
    color       TEXT        NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT goals_pk PRIMARY KEY (student_id, id),
    CONSTRAINT goals_goal_type_check CHECK (goal_type IN ('DEVELOPING_ME', 'HEALTH_AND_WELLBEING', 'ACADEMIC', 'EXTRA_CURRICULAR', 'CAREER')),
    CONSTRAINT goals_title_length_check CHECK (char_length(title) BETWEEN 1 AND 200),
    CONSTRAINT goals_information_length_check CHECK (char_length(information) <= 10000),
    -- POSIX regex match (~) is supported by both engines.
    CONSTRAINT goals_color_check CHECK (color IS NULL OR color ~ '^#[0-9A-Fa-f]{6}$')
);

-- Newest first per student (default listing and its keyset cursor (created_at, id)).
CREATE INDEX IF NOT EXISTS goals_student_created_idx ON goals (student_id, created_at DESC, id DESC);

-- Listing by due date per student (keyset cursor (due_at, id)).
CREATE INDEX IF NOT EXISTS goals_student_due_idx ON goals (student_id, due_at, id);

-- Filtered listings per student: by type, by completion, newest first within the filter.
CREATE INDEX IF NOT EXISTS goals_student_type_idx ON goals (student_id, goal_type, created_at DESC, id DESC);

CREATE INDEX IF NOT EXISTS goals_student_complete_idx ON goals (student_id, complete, created_at DESC, id DESC);
