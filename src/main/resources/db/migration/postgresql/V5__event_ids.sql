-- Event ids counted recently: a client that re-posts an event (after a timeout, say) is counted once.
CREATE TABLE ingest_event_ids (
    event_id TEXT    PRIMARY KEY,
    seen_at  BIGINT NOT NULL
);
CREATE INDEX ingest_event_ids_by_age ON ingest_event_ids (seen_at);
