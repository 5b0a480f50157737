package routes.ingest;

import java.time.Instant;

/** One access to a dataset, as posted to {@code /access-events} and carried on {@code access_events}. */
public record AccessEvent(long datasetId, String op, long sizeBytes, Instant ts, Double latencyMs, String client,
                          String eventId) {

    public boolean isRead() {
        return "read".equals(op);
    }
}
