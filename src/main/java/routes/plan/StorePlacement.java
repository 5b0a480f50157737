package routes.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import routes.catalog.Policy;
import routes.catalog.Store;
import routes.catalog.Tier;

/**
 * Placement over the registered stores: every class of every store (hot, warm, cold of {@code local},
 * of an S3 bucket, ...) is a candidate; the dataset's policy rules out the stores in an excluded
 * region, the unencrypted ones when encryption is required, and the classes above its latency SLO or
 * maximum price; among what is left (only the preferred regions' stores when one of them qualifies),
 * the class of the tier the classifier asks for with the lowest expected cost over the horizon wins
 * (Placement: storage, retrieval, requests, migration with the source store's egress when the data
 * leaves it, early deletion; with its hysteresis). When the policy leaves no class of that tier, the
 * cheapest eligible class of any tier wins. A store that holds a secondary replica of the dataset
 * is not a target for its primary (both copies would share one store). When the policy asks for
 * {@code min_redundancy} N > 1, N - 1 further distinct stores keep secondary replicas ({@link Redundancy}:
 * the latency SLO binds the primary only, since reads go to it), and the costs count every copy's storage.
 * No I/O: the caller gives the stores and the facts.
 */
public final class StorePlacement {

    /** One class of one registered store, as placement sees it. */
    public record Candidate(Store store, Tier tier, Store.StoreClass spec, StorageClass storageClass) {
        public String label() {
            return storageClass.name();
        }
    }

    /** What is known about the dataset being placed; {@code secondaryStores}: the stores that hold its
     *  secondary replicas. */
    public record Facts(String locationUri, Tier currentTier, long sizeBytes, double residentDays, Demand demand,
                        Set<String> secondaryStores) {

        public Facts(String locationUri, Tier currentTier, long sizeBytes, double residentDays, Demand demand) {
            this(locationUri, currentTier, sizeBytes, residentDays, demand, Set.of());
        }
    }

    /**
     * The advice: the tier and store the dataset belongs in ({@code target} null when the policy leaves
     * no store), whether moving there now is worth it ({@code moves}, after hysteresis), the further
     * stores that keep its secondary replicas (fewer than the policy asks when fewer qualify), what
     * storing every copy costs per month there, and why.
     */
    public record Placed(Tier tier, Candidate target, boolean moves, String reason, List<Redundancy.Secondary> secondaries,
                         double monthlyAllCopies) {
        public String targetStore() {
            return target == null ? null : target.store().name();
        }

        public List<String> replicaStores() {
            return secondaries.stream().map(s -> s.store().name()).toList();
        }
    }

    private final Placement.Settings settings;

    public StorePlacement(Placement.Settings settings) {
        this.settings = settings;
    }

    public Placement.Settings settings() {
        return settings;
    }

    public Placed place(List<Store> stores, Facts facts, Tier wanted, Policy policy) {
        List<Candidate> all = candidates(stores);
        Map<String, Candidate> byLabel = new LinkedHashMap<>();
        all.forEach(c -> byLabel.put(c.label(), c));
        Map<Candidate, String> excluded = new LinkedHashMap<>();
        for (Candidate c : all) {
            whyExcluded(c.store(), c.spec(), policy).ifPresent(why -> excluded.put(c, why));
        }
        List<Candidate> eligible = all.stream().filter(c -> !excluded.containsKey(c)).toList();
        List<String> notes = new ArrayList<>();
        List<Candidate> pool = eligible;
        if (policy != null && !policy.preferredRegions().isEmpty()) {
            List<Candidate> preferred = eligible.stream().filter(c -> policy.prefers(c.store().region())).toList();
            if (preferred.isEmpty()) {
                notes.add("no eligible store in the preferred regions " + policy.preferredRegions());
            } else {
                pool = preferred;
            }
        }
        Optional<Candidate> current = stores.stream().filter(s -> s.holds(facts.locationUri()))
                .max((a, b) -> Integer.compare(a.uriPrefix().length(), b.uriPrefix().length()))
                .flatMap(s -> Optional.ofNullable(byLabel.get(label(s, facts.currentTier()))));
        String bounds = bounds(policy, excluded);
        List<Candidate> apart = pool.stream().filter(c -> !facts.secondaryStores().contains(c.store().name())).toList();
        if (!apart.isEmpty() && apart.size() < pool.size()) {
            notes.add("not the stores holding its secondary replicas " + facts.secondaryStores());
            pool = apart;
        }
        if (pool.isEmpty()) {
            return new Placed(wanted, null, false, "placement: no registered store satisfies " + bounds, List.of(), 0);
        }
        if (current.isEmpty()) {
            return new Placed(wanted, null, false, "placement: " + facts.locationUri() + " lies in no registered store",
                    List.of(), 0);
        }
        List<Candidate> choices = pool.stream().filter(c -> c.tier() == wanted).toList();
        if (choices.isEmpty()) {
            notes.add("no eligible " + wanted.json() + " class, so the cheapest eligible class of any tier");
            choices = pool;
        }
        Placement placement = new Placement(new CostModel((from, to) -> egress(byLabel, from, to)), settings);
        PlacementPolicy rules = new PlacementPolicy(null, null,
                excluded.keySet().stream().map(Candidate::label).collect(Collectors.toSet()));
        StorageClass now = current.get().storageClass();
        Placement.Decision d = placement.decide(choices.stream().map(Candidate::storageClass).toList(), now,
                facts.residentDays(), facts.sizeBytes(), facts.demand(), rules);
        Placement.Option best = d.options().stream()
                .min((a, b) -> Double.compare(a.expected().total(), b.expected().total())).orElseThrow();
        Candidate target = byLabel.get(best.storageClass().name());
        // the secondaries go beside where the primary will be: the target once the move is due, else where it is
        Candidate primary = d.moves() ? target : current.get();
        List<Redundancy.Secondary> secondaries = Redundancy.further(stores, policy, primary.store().name(),
                facts.secondaryStores());
        double copies = 0;
        for (Redundancy.Secondary s : secondaries) {
            copies += placement.costs().storage(byLabel.get(label(s.store(), s.tier())).storageClass(), facts.sizeBytes(),
                    CostModel.DAYS_PER_MONTH).total();
        }
        double allCopies = monthly(placement, primary.storageClass(), facts) + copies;
        String why = reason(target, now, facts, bounds, notes, d, placement)
                + redundancy(policy, primary, secondaries, allCopies);
        return new Placed(target.tier(), target, d.moves(), why, secondaries, allCopies);
    }

    /** Why {@code policy} rules out class {@code spec} of {@code store}, or empty when it allows it. */
    public static Optional<String> whyExcluded(Store store, Store.StoreClass spec, Policy policy) {
        if (policy == null) {
            return Optional.empty();
        }
        if (policy.excludes(store.region())) {
            return Optional.of("region " + store.region() + " is excluded");
        }
        if (policy.encryptionRequired() && !encrypted(store)) {
            return Optional.of("not encrypted");
        }
        if (policy.latencySloMs() != null && spec.firstByteLatencyMs() > policy.latencySloMs()) {
            return Optional.of(String.format(Locale.ROOT, "first byte %.0f ms above the SLO", spec.firstByteLatencyMs()));
        }
        if (policy.maxCostPerGbMonth() != null && spec.costPerGbMonth() > policy.maxCostPerGbMonth()) {
            return Optional.of(String.format(Locale.ROOT, "$%.4f per GB-month above the maximum", spec.costPerGbMonth()));
        }
        return Optional.empty();
    }

    /** A store encrypts what it holds when it is registered with an encryption (SSE-S3, SSE-KMS, CMEK...)
     *  other than "none". */
    public static boolean encrypted(Store store) {
        return store.encrypts().atRest();
    }

    /** Every class of every store, as StorageClasses named {@code store/tier}. */
    public static List<Candidate> candidates(List<Store> stores) {
        List<Candidate> out = new ArrayList<>();
        for (Store s : stores) {
            s.classes().forEach((tier, c) -> out.add(new Candidate(s, tier, c, new StorageClass(label(s, tier), tier,
                    c.costPerGbMonth(), c.retrievalCostPerGb(), c.putCostPer1k(), c.getCostPer1k(), c.minStorageDays(),
                    0, c.firstByteLatencyMs(), selfTiering(c)))));
        }
        return out;
    }

    /** S3 Intelligent-Tiering lowers an idle object's price by itself, at S3's list prices for its steps;
     *  the store's own figures for the class are its Frequent Access prices. */
    private static AutoTiering selfTiering(Store.StoreClass c) {
        return "INTELLIGENT_TIERING".equalsIgnoreCase(c.storageClass()) ? S3_SELF_TIERING : null;
    }

    private static final AutoTiering S3_SELF_TIERING = PriceCatalog.defaults().selfTiering("s3").auto();

    private static String label(Store s, Tier tier) {
        return s.name() + "/" + tier.json();
    }

    /** Data leaving a store pays that store's egress for its class; a move within a store pays none. */
    private static double egress(Map<String, Candidate> byLabel, StorageClass from, StorageClass to) {
        Candidate f = byLabel.get(from.name());
        Candidate t = byLabel.get(to.name());
        if (f == null || t == null || f.store().name().equals(t.store().name())) {
            return 0;
        }
        return f.spec().egressCostPerGb();
    }

    private static String bounds(Policy policy, Map<Candidate, String> excluded) {
        if (policy == null) {
            return "no policy";
        }
        List<String> b = new ArrayList<>();
        if (policy.latencySloMs() != null) {
            b.add(String.format(Locale.ROOT, "latency SLO %.0f ms", policy.latencySloMs()));
        }
        if (policy.maxCostPerGbMonth() != null) {
            b.add(String.format(Locale.ROOT, "max $%.4f per GB-month", policy.maxCostPerGbMonth()));
        }
        if (policy.encryptionRequired()) {
            b.add("encryption required");
        }
        if (!policy.excludedRegions().isEmpty()) {
            b.add("regions excluded " + policy.excludedRegions());
        }
        if (!policy.preferredRegions().isEmpty()) {
            b.add("regions preferred " + policy.preferredRegions());
        }
        String text = "policy '" + policy.name() + "' (" + (b.isEmpty() ? "no bounds" : String.join(", ", b)) + ")";
        if (!excluded.isEmpty()) {
            text += " ruling out " + excluded.entrySet().stream().map(e -> e.getKey().label() + " (" + e.getValue() + ")")
                    .collect(Collectors.joining(", "));
        }
        return text;
    }

    private static String reason(Candidate target, StorageClass now, Facts facts, String bounds, List<String> notes,
                                 Placement.Decision d, Placement placement) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "placement: %s in store '%s' (%s, $%.4f per GB-month, first byte %.0f ms) under %s",
                target.tier().json(), target.store().name(), target.spec().storageClass(),
                target.spec().costPerGbMonth(), target.spec().firstByteLatencyMs(), bounds));
        notes.forEach(n -> b.append("; ").append(n));
        double monthNow = monthly(placement, now, facts);
        double monthAfter = monthly(placement, target.storageClass(), facts);
        b.append(String.format(Locale.ROOT, "; cost per month now $%.4f in %s, $%.4f in %s", monthNow, now.name(),
                monthAfter, target.label()));
        Cost move = placement.costs().migration(now, target.storageClass(), facts.sizeBytes(), facts.residentDays());
        double moveCost = move.migration() + move.earlyDeletion();
        if (!now.name().equals(target.label()) && monthNow > monthAfter && moveCost > 0) {
            b.append(String.format(Locale.ROOT, ", the move pays back in %.0f d", 30 * moveCost / (monthNow - monthAfter)));
        }
        b.append("; ").append(d.reason());
        return b.toString();
    }

    /** The secondary replicas' part of the reason: where they are kept, what all copies cost, and
     *  whether the registered stores can meet the policy at all. */
    private static String redundancy(Policy policy, Candidate primary, List<Redundancy.Secondary> secondaries,
                                     double monthlyAllCopies) {
        if (policy == null || policy.minRedundancy() <= 1) {
            return "";
        }
        int n = policy.minRedundancy();
        StringBuilder b = new StringBuilder("; redundancy: the policy asks for " + n
                + " replicas in distinct stores (its latency SLO binds the primary only): the primary in '"
                + primary.store().name() + "'");
        for (Redundancy.Secondary s : secondaries) {
            b.append(String.format(Locale.ROOT, ", a secondary in '%s' (%s %s, $%.4f per GB-month)", s.store().name(),
                    s.tier().json(), s.spec().storageClass(), s.spec().costPerGbMonth()));
        }
        b.append(String.format(Locale.ROOT, "; all %d copies cost $%.4f per month", 1 + secondaries.size(),
                monthlyAllCopies));
        if (secondaries.size() < n - 1) {
            b.append("; cannot be met: only ").append(1 + secondaries.size())
                    .append(" registered store(s) satisfy the policy, so the dataset keeps ")
                    .append(1 + secondaries.size()).append(" of ").append(n).append(" replicas");
        }
        return b.toString();
    }

    private static double monthly(Placement placement, StorageClass c, Facts facts) {
        Demand d = facts.demand();
        return placement.costs().storage(c, facts.sizeBytes(), 30)
                .plus(placement.costs().access(c, d.readsPerMonth(), d.readBytesPerMonth(), d.writesPerMonth())).total();
    }
}
