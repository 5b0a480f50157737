package routes.plan;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import routes.catalog.Policy;
import routes.catalog.Store;
import routes.catalog.Tier;

/**
 * Where a dataset's secondary replicas may live under its policy's {@code min_redundancy}: a store
 * qualifies when the policy allows one of its classes (region, encryption, maximum price; not the
 * latency SLO, which binds the primary alone since reads go there). A secondary is kept in its store's
 * cheapest such class, as it is read only to repair the primary. No I/O.
 */
public final class Redundancy {

    private Redundancy() {
    }

    /** A store that may keep a secondary replica, with the class it is kept in. */
    public record Secondary(Store store, Tier tier, Store.StoreClass spec) {
    }

    /** The cheapest class of {@code store} the policy allows for a secondary (the colder on a tie), or
     *  empty when it allows none. */
    public static Optional<Secondary> cheapest(Store store, Policy policy) {
        Policy binding = policy == null ? null : policy.forSecondary();
        return store.classes().entrySet().stream()
                .filter(e -> StorePlacement.whyExcluded(store, e.getValue(), binding).isEmpty())
                .min(Comparator.comparingDouble((Map.Entry<Tier, Store.StoreClass> e) -> e.getValue().costPerGbMonth())
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(e -> new Secondary(store, e.getKey(), e.getValue()));
    }

    /** Every store that may keep a secondary replica under the policy. */
    public static List<Secondary> eligible(List<Store> stores, Policy policy) {
        return stores.stream().map(s -> cheapest(s, policy)).flatMap(Optional::stream).toList();
    }

    /**
     * The stores besides {@code primaryStore} that keep the policy's further replicas, at most
     * {@code min_redundancy - 1}: those that already hold one first (no copy to make), then stores in a
     * preferred region, then the cheapest. Fewer when fewer qualify.
     */
    public static List<Secondary> further(List<Store> stores, Policy policy, String primaryStore, Set<String> holding) {
        int needed = policy == null ? 0 : policy.minRedundancy() - 1;
        if (needed <= 0) {
            return List.of();
        }
        return eligible(stores, policy).stream().filter(s -> !s.store().name().equals(primaryStore))
                .sorted(Comparator.comparing((Secondary s) -> !holding.contains(s.store().name()))
                        .thenComparing(s -> !policy.prefers(s.store().region()))
                        .thenComparingDouble(s -> s.spec().costPerGbMonth()))
                .limit(needed).toList();
    }

    /** Why the registered stores can never meet the policy's {@code min_redundancy}, or empty when they can. */
    public static Optional<String> whyUnmet(List<Store> stores, Policy policy) {
        List<Secondary> eligible = eligible(stores, policy);
        if (policy.minRedundancy() <= 1 || eligible.size() >= policy.minRedundancy()) {
            return Optional.empty();
        }
        return Optional.of("min_redundancy " + policy.minRedundancy() + " asks for that many replicas in distinct "
                + "stores, but only " + eligible.size() + " registered store(s) satisfy the policy"
                + (eligible.isEmpty() ? "" : " (" + eligible.stream().map(s -> s.store().name())
                        .collect(Collectors.joining(", ")) + ")")
                + "; register more stores with POST /stores first");
    }
}
