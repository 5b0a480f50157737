package routes.catalog;

import java.time.Instant;

/** Placement constraints a dataset's storage must meet. Null means "no constraint". */
public record Policy(long id, String name, Double latencySloMs, Double maxCostPerGbMonth, int minRedundancy,
                     Instant createdAt, Instant updatedAt) {
}
