-- Idempotency keys of create mutations: a repeated request with the same key returns the row
-- created the first time. Written in the same transaction as the create it records.
-- Compatibility: see 0001. Old keys are purged by age (created_at index), no TTL feature used.
CREATE TABLE IF NOT EXISTS idempotency_keys (
    student_id UUID        NOT NULL,
    key        TEXT        NOT NULL,
    operation  TEXT        NOT NULL,
    result_id  UUID        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT idempotency_keys_pk PRIMARY KEY (student_id, key),
    CONSTRAINT idempotency_keys_key_length_check CHECK (char_length(key) BETWEEN 1 AND 200)
);

CREATE INDEX IF NOT EXISTS idempotency_keys_created_idx ON idempotency_keys (created_at);
