-- Registered storage locations: a URI prefix (a directory, a bucket or a prefix in one) with its
-- region and encryption, and per tier the class objects are stored in and what that class costs.
CREATE TABLE stores (
    name       TEXT    PRIMARY KEY,
    uri_prefix TEXT    NOT NULL UNIQUE,
    region     TEXT,
    encryption TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE store_classes (
    store_name            TEXT    NOT NULL REFERENCES stores (name) ON DELETE CASCADE,
    tier                  TEXT    NOT NULL,
    storage_class         TEXT    NOT NULL,
    cost_per_gb_month     DOUBLE PRECISION    NOT NULL,
    retrieval_cost_per_gb DOUBLE PRECISION    NOT NULL,
    egress_cost_per_gb    DOUBLE PRECISION    NOT NULL,
    put_cost_per_1k       DOUBLE PRECISION    NOT NULL,
    get_cost_per_1k       DOUBLE PRECISION    NOT NULL,
    min_storage_days      BIGINT NOT NULL,
    first_byte_latency_ms DOUBLE PRECISION    NOT NULL,
    PRIMARY KEY (store_name, tier)
);
