-- PostgreSQL dialect of sqlite/V7__policy_engine.sql.
-- The policy engine: encryption, region preferences and exclusions (comma-separated region names,
-- NULL for none) and the mode, recommend (advice only) or auto (the service plans the moves itself).
ALTER TABLE policies ADD COLUMN encryption_required BIGINT NOT NULL DEFAULT 0;
ALTER TABLE policies ADD COLUMN preferred_regions TEXT;
ALTER TABLE policies ADD COLUMN excluded_regions TEXT;
ALTER TABLE policies ADD COLUMN mode TEXT NOT NULL DEFAULT 'recommend';

-- The registered store a recommendation places the dataset in (NULL when no store satisfies its policy).
ALTER TABLE recommendations ADD COLUMN target_store TEXT;
