package routes.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Placement constraints a dataset's storage must meet, and whether the service acts on its advice.
 * A null bound is no bound; empty region lists are no preference and no exclusion. The policy named
 * {@value #GLOBAL} applies to every dataset that has none of its own.
 */
public record Policy(long id, String name, Double latencySloMs, Double maxCostPerGbMonth, int minRedundancy,
                     boolean encryptionRequired, List<String> preferredRegions, List<String> excludedRegions,
                     Mode mode, Instant createdAt, Instant updatedAt) {

    /** The name of the global policy: the one for datasets without a policy of their own. */
    public static final String GLOBAL = "default";

    /** {@code recommend}: advice only; {@code auto}: the service plans the recommended moves itself. */
    public enum Mode {
        RECOMMEND, AUTO;

        @com.fasterxml.jackson.annotation.JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Mode of(String stored) {
            return valueOf(stored.toUpperCase(Locale.ROOT));
        }
    }

    public Policy {
        preferredRegions = List.copyOf(preferredRegions);
        excludedRegions = List.copyOf(excludedRegions);
    }

    /** This policy as it binds a secondary replica: the latency SLO is the primary's alone, since reads
     *  go to the primary and a secondary is read only to repair it. */
    public Policy forSecondary() {
        return new Policy(id, name, null, maxCostPerGbMonth, minRedundancy, encryptionRequired, preferredRegions,
                excludedRegions, mode, createdAt, updatedAt);
    }

    public boolean prefers(String region) {
        return region != null && preferredRegions.stream().anyMatch(r -> r.equalsIgnoreCase(region));
    }

    public boolean excludes(String region) {
        return region != null && excludedRegions.stream().anyMatch(r -> r.equalsIgnoreCase(region));
    }
}
