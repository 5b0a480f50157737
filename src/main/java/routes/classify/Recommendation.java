package routes.classify;

import java.time.Instant;

import routes.catalog.Tier;

/** What the classifier says about a dataset, and why. */
public record Recommendation(long id, long datasetId, Tier tier, double confidence, String reason,
                             String modelVersion, Instant createdAt) {
}
