-- Progress of multi-object migrations: how many of the dataset's objects are copied.
ALTER TABLE migration_jobs ADD COLUMN objects_done BIGINT NOT NULL DEFAULT 0;
ALTER TABLE migration_jobs ADD COLUMN objects_total BIGINT NOT NULL DEFAULT 0;
-- Failure injection after a number of copied objects, to prove that a retried job resumes.
ALTER TABLE migration_jobs ADD COLUMN inject_after_objects BIGINT;
