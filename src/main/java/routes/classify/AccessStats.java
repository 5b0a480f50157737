package routes.classify;

import java.time.Instant;

/** A dataset's recent activity: accesses within the look-back period and the last access. */
public record AccessStats(long datasetId, long accesses, long bytesRead, Instant lastAccess, Instant createdAt) {
}
