-- Notes of a goal, oldest first. Compatibility: see 0001.
CREATE TABLE IF NOT EXISTS goal_notes (
    student_id  UUID        NOT NULL,
    id          UUID        NOT NULL DEFAULT gen_random_uuid(),
    goal_id     UUID        NOT NULL,
    information TEXT        NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT goal_notes_pk PRIMARY KEY (student_id, id),
    CONSTRAINT goal_notes_information_length_check CHECK (char_length(information) <= 10000),
    CONSTRAINT goal_notes_goal_fk FOREIGN KEY (student_id, goal_id) REFERENCES goals (student_id, id) ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS goal_notes_student_goal_idx ON goal_notes (student_id, goal_id, created_at, id);
