-- The cost by tier over time: at each window close, the datasets in each tier, their bytes and their
-- estimated monthly storage cost at their stores' prices (GET /costs/history charts the series).
CREATE TABLE cost_snapshots (
    taken_at       INTEGER NOT NULL,
    tier           TEXT    NOT NULL,
    datasets       INTEGER NOT NULL,
    size_bytes     INTEGER NOT NULL,
    cost_per_month REAL    NOT NULL,
    PRIMARY KEY (taken_at, tier)
);
