package routes.classify;

import java.time.Instant;

import routes.catalog.Tier;

/** What the classifier and placement say about a dataset: the tier, the registered store to keep it
 *  in (null when its policy leaves none), and why. */
public record Recommendation(long id, long datasetId, Tier tier, double confidence, String reason,
                             String modelVersion, Instant createdAt, String targetStore) {
}
