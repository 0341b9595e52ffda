-- Tasks of a goal, in a student-chosen order.
-- Compatibility: see 0001. position is INT4 explicitly because INT means INT8 on CockroachDB
-- (default_int_size = 8) but INT4 on PostgreSQL; the C# side reads it as int on both.
-- Ordering is (position, id): positions are integers rewritten 0..n-1 on reorder; a delete may
-- leave a gap, which keeps the order intact.
CREATE TABLE IF NOT EXISTS goal_tasks (
    student_id  UUID        NOT NULL,
    id          UUID        NOT NULL DEFAULT gen_random_uuid(),
    goal_id     UUID        NOT NULL,
    information TEXT        NOT NULL DEFAULT '',
    complete    BOOL        NOT NULL DEFAULT false,
    position    INT4        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT goal_tasks_pk PRIMARY KEY (student_id, id),
    CONSTRAINT goal_tasks_information_length_check CHECK (char_length(information) <= 10000),
    -- The foreign key includes student_id: a task can only hang off a goal of the same student.
    CONSTRAINT goal_tasks_goal_fk FOREIGN KEY (student_id, goal_id) REFERENCES goals (student_id, id) ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS goal_tasks_student_goal_idx ON goal_tasks (student_id, goal_id, position, id);
