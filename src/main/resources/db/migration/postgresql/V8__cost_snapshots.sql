-- The cost by tier over time: at each window close, the datasets in each tier, their bytes and their
-- estimated monthly storage cost at their stores' prices (GET /costs/history charts the series).
CREATE TABLE cost_snapshots (
    taken_at       BIGINT           NOT NULL,
    tier           TEXT             NOT NULL,
    datasets       BIGINT           NOT NULL,
    size_bytes     BIGINT           NOT NULL,
    cost_per_month DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (taken_at, tier)
);
