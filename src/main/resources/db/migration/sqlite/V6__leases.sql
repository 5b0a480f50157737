-- Several instances share one database. A job is run by the instance that holds its lease; a live
-- instance renews its leases, and another takes a job over only once its lease has expired.
ALTER TABLE migration_jobs ADD COLUMN owner TEXT;
ALTER TABLE migration_jobs ADD COLUMN lease_until INTEGER;
CREATE INDEX migration_jobs_by_lease ON migration_jobs (lease_until);

-- Work done by one instance of the cluster at a time (window closing, retraining): the leader of a
-- namespace is the owner of its row while the lease is current (Camel's master: endpoints).
CREATE TABLE cluster_leases (
    namespace  TEXT    PRIMARY KEY,
    owner      TEXT    NOT NULL,
    expires_at INTEGER NOT NULL
);
