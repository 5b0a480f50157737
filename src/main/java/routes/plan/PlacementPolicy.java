package routes.plan;

import java.util.Set;

import routes.catalog.Policy;

/** What a placement must satisfy: the first byte within the latency SLO, a price per GB-month at
 *  most the maximum, and none of the classes ruled out by name (by their store's region or lack of
 *  encryption). A null bound is no bound. */
public record PlacementPolicy(Double latencySloMs, Double maxCostPerGbMonth, Set<String> forbiddenClasses) {

    public static final PlacementPolicy NONE = new PlacementPolicy(null, null);

    public PlacementPolicy {
        forbiddenClasses = Set.copyOf(forbiddenClasses);
    }

    public PlacementPolicy(Double latencySloMs, Double maxCostPerGbMonth) {
        this(latencySloMs, maxCostPerGbMonth, Set.of());
    }

    public static PlacementPolicy of(Policy p) {
        return p == null ? NONE : new PlacementPolicy(p.latencySloMs(), p.maxCostPerGbMonth());
    }

    public boolean allows(StorageClass c) {
        return meetsSlo(c) && (maxCostPerGbMonth == null || c.storagePerGbMonth() <= maxCostPerGbMonth)
                && !forbiddenClasses.contains(c.name());
    }

    /** A read served by {@code c} is within the SLO. */
    public boolean meetsSlo(StorageClass c) {
        return latencySloMs == null || c.slowestFirstByteMs() <= latencySloMs;
    }
}
