-- Registered storage locations: a URI prefix (a directory, a bucket or a prefix in one) with its
-- region and encryption, and per tier the class objects are stored in and what that class costs.
CREATE TABLE stores (
    name       TEXT    PRIMARY KEY,
    uri_prefix TEXT    NOT NULL UNIQUE,
    region     TEXT,
    encryption TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE store_classes (
    store_name            TEXT    NOT NULL REFERENCES stores (name) ON DELETE CASCADE,
    tier                  TEXT    NOT NULL,
    storage_class         TEXT    NOT NULL,
    cost_per_gb_month     REAL    NOT NULL,
    retrieval_cost_per_gb REAL    NOT NULL,
    egress_cost_per_gb    REAL    NOT NULL,
    put_cost_per_1k       REAL    NOT NULL,
    get_cost_per_1k       REAL    NOT NULL,
    min_storage_days      INTEGER NOT NULL,
    first_byte_latency_ms REAL    NOT NULL,
    PRIMARY KEY (store_name, tier)
);
