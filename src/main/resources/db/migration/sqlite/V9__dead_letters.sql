-- The dead-letter queue's index: one row per failed attempt of a job (what migration_jobs.dlq
-- carries: tries, last error), marked taken back when POST /jobs/{id}/retry queues the job again.
CREATE TABLE dead_letters (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id             INTEGER NOT NULL,
    attempt            INTEGER NOT NULL,
    tries              INTEGER NOT NULL,
    error              TEXT    NOT NULL,
    error_class        TEXT,
    failed_at          INTEGER NOT NULL,
    taken_back_at      INTEGER,
    retried_as_attempt INTEGER
);
CREATE UNIQUE INDEX dead_letters_once ON dead_letters (job_id, attempt);
