package routes.classify;

import java.time.Instant;
import java.util.List;

import routes.catalog.Tier;

/** What the classifier and placement say about a dataset: the tier, the registered store to keep it
 *  in (null when its policy leaves none), the further stores that keep its secondary replicas when its
 *  policy asks for more than one, and why. */
public record Recommendation(long id, long datasetId, Tier tier, double confidence, String reason,
                             String modelVersion, Instant createdAt, String targetStore, List<String> replicaStores) {

    public Recommendation {
        replicaStores = replicaStores == null ? List.of() : List.copyOf(replicaStores);
    }
}
