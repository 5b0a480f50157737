-- Data in Motion schema, version 1. Times are epoch milliseconds (UTC).

CREATE TABLE policies (
    id                     INTEGER PRIMARY KEY AUTOINCREMENT,
    name                   TEXT    NOT NULL UNIQUE,
    latency_slo_ms         REAL,
    max_cost_per_gb_month  REAL,
    min_redundancy         INTEGER NOT NULL DEFAULT 1,
    created_at             INTEGER NOT NULL,
    updated_at             INTEGER NOT NULL
);

CREATE TABLE datasets (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    name            TEXT    NOT NULL UNIQUE,
    path_uri        TEXT    NOT NULL UNIQUE,
    size_bytes      INTEGER NOT NULL CHECK (size_bytes >= 0),
    current_tier    TEXT    NOT NULL DEFAULT 'hot',
    policy_id       INTEGER REFERENCES policies (id),
    checksum_sha256 TEXT,
    last_access_ts  INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

CREATE TABLE replicas (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    dataset_id      INTEGER NOT NULL REFERENCES datasets (id),
    uri             TEXT    NOT NULL,
    storage_class   TEXT    NOT NULL,
    checksum_sha256 TEXT,
    size_bytes      INTEGER NOT NULL,
    is_primary      INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL
);
CREATE INDEX replicas_by_dataset ON replicas (dataset_id);
-- at most one primary replica per dataset
CREATE UNIQUE INDEX replicas_one_primary ON replicas (dataset_id) WHERE is_primary = 1;

CREATE TABLE access_aggregates (
    dataset_id      INTEGER NOT NULL REFERENCES datasets (id),
    window_start    INTEGER NOT NULL,
    window_ms       INTEGER NOT NULL,
    read_count      INTEGER NOT NULL DEFAULT 0,
    write_count     INTEGER NOT NULL DEFAULT 0,
    read_bytes      INTEGER NOT NULL DEFAULT 0,
    write_bytes     INTEGER NOT NULL DEFAULT 0,
    latency_sum_ms  REAL    NOT NULL DEFAULT 0,
    latency_count   INTEGER NOT NULL DEFAULT 0,
    latency_max_ms  REAL    NOT NULL DEFAULT 0,
    first_ts        INTEGER NOT NULL,
    last_ts         INTEGER NOT NULL,
    PRIMARY KEY (dataset_id, window_start)
);

-- The next access_events offset per partition, committed in the same transaction as the
-- aggregates it produced: a redelivered record is recognised and counted once.
CREATE TABLE ingest_offsets (
    topic       TEXT    NOT NULL,
    partition   INTEGER NOT NULL,
    next_offset INTEGER NOT NULL,
    PRIMARY KEY (topic, partition)
);

CREATE TABLE models (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    algorithm  TEXT    NOT NULL,
    params     TEXT    NOT NULL,
    metrics    TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (name, version)
);

CREATE TABLE recommendations (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    dataset_id    INTEGER NOT NULL REFERENCES datasets (id),
    tier          TEXT    NOT NULL,
    confidence    REAL    NOT NULL,
    reason        TEXT    NOT NULL,
    model_version TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE INDEX recommendations_by_dataset ON recommendations (dataset_id, id);

CREATE TABLE migration_jobs (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    job_key         TEXT    NOT NULL UNIQUE,
    dataset_id      INTEGER NOT NULL REFERENCES datasets (id),
    source_uri      TEXT    NOT NULL,
    target_uri      TEXT    NOT NULL,
    storage_class   TEXT    NOT NULL,
    state           TEXT    NOT NULL,
    attempt         INTEGER NOT NULL DEFAULT 1,
    bytes_done      INTEGER NOT NULL DEFAULT 0,
    bytes_total     INTEGER NOT NULL DEFAULT 0,
    checksum_sha256 TEXT,
    error           TEXT,
    inject_failure  INTEGER NOT NULL DEFAULT 0,
    switched_at     INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    started_at      INTEGER,
    finished_at     INTEGER
);
CREATE INDEX migration_jobs_by_dataset ON migration_jobs (dataset_id);
CREATE INDEX migration_jobs_by_state ON migration_jobs (state);

-- Per-object manifest of a migration: what was copied, and whether the destination verified.
CREATE TABLE job_objects (
    job_id     INTEGER NOT NULL REFERENCES migration_jobs (id),
    object_key TEXT    NOT NULL,
    size_bytes INTEGER NOT NULL,
    sha256     TEXT    NOT NULL,
    verified   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (job_id, object_key)
);

-- The timeline of every job, written by the status route from the migration_status topic.
CREATE TABLE job_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id      INTEGER NOT NULL,
    attempt     INTEGER NOT NULL,
    state       TEXT    NOT NULL,
    bytes_done  INTEGER NOT NULL,
    bytes_total INTEGER NOT NULL,
    message     TEXT,
    ts          INTEGER NOT NULL
);
CREATE INDEX job_events_by_job ON job_events (job_id, id);

-- Camel's JDBC idempotent repository for the mover, with the unique key concurrent consumers need.
CREATE TABLE CAMEL_MESSAGEPROCESSED (
    processorName VARCHAR(255) NOT NULL,
    messageId     VARCHAR(100) NOT NULL,
    createdAt     TIMESTAMP,
    PRIMARY KEY (processorName, messageId)
);

-- One migration in flight per dataset, enforced by the database so two concurrent plans cannot both win.
CREATE UNIQUE INDEX migration_jobs_one_active ON migration_jobs (dataset_id)
    WHERE state NOT IN ('completed', 'failed');
-- A redelivered status record adds nothing to a job's timeline.
CREATE UNIQUE INDEX job_events_once ON job_events (job_id, attempt, state, bytes_done);
