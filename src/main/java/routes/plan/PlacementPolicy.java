package routes.plan;

import routes.catalog.Policy;

/** What a placement must satisfy: the first byte within the latency SLO, and a price per GB-month at
 *  most the maximum. A null bound is no bound. */
public record PlacementPolicy(Double latencySloMs, Double maxCostPerGbMonth) {

    public static final PlacementPolicy NONE = new PlacementPolicy(null, null);

    public static PlacementPolicy of(Policy p) {
        return p == null ? NONE : new PlacementPolicy(p.latencySloMs(), p.maxCostPerGbMonth());
    }

    public boolean allows(StorageClass c) {
        return meetsSlo(c) && (maxCostPerGbMonth == null || c.storagePerGbMonth() <= maxCostPerGbMonth);
    }

    /** A read served by {@code c} is within the SLO. */
    public boolean meetsSlo(StorageClass c) {
        return latencySloMs == null || c.firstByteMs() <= latencySloMs;
    }
}
