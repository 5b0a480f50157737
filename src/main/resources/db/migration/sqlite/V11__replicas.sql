-- Redundancy: a job either moves a dataset's primary (copy, verify, switch, delete the source) or
-- makes a secondary replica in another store (copy, verify, record the replica; the source stays).
ALTER TABLE migration_jobs ADD COLUMN kind TEXT NOT NULL DEFAULT 'move';

-- The further stores a recommendation keeps secondary replicas in (comma-separated; NULL for none).
ALTER TABLE recommendations ADD COLUMN replica_stores TEXT;

-- A location holds at most one replica of a dataset, so a replica is never recorded twice.
CREATE UNIQUE INDEX replicas_one_per_uri ON replicas (dataset_id, uri);
