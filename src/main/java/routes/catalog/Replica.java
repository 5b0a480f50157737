package routes.catalog;

import java.time.Instant;

/** A copy of a dataset at one location; exactly one replica of a dataset is primary. */
public record Replica(long id, long datasetId, String uri, String storageClass, String checksumSha256,
                      long sizeBytes, boolean isPrimary, Instant createdAt) {
}
