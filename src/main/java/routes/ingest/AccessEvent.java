package routes.ingest;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** One access to a dataset, as posted to {@code /access-events} and carried on {@code access_events}. */
public record AccessEvent(long datasetId, String op, long sizeBytes, Instant ts, Double latencyMs, String client,
                          String eventId) {

    @JsonIgnore // derived from op; not part of the record on the topic
    public boolean isRead() {
        return "read".equals(op);
    }
}
