package routes.plan;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import routes.catalog.Dataset;
import routes.catalog.DatasetRepository;
import routes.catalog.Policy;
import routes.catalog.PolicyRepository;
import routes.catalog.StoreCatalog;
import routes.catalog.Tier;
import routes.classify.HistoryRepository;
import routes.move.JobRepository;

/**
 * Gathers what {@link StorePlacement} needs for each dataset from the database (its governing policy,
 * the registered stores, the demand its access history forecasts, how long it has been where it is)
 * and asks it where the dataset belongs, for the tiers the classifier wants.
 */
public final class PlacementAdvisor {

    private static final double DAY_MS = 86_400_000.0;

    private final DatasetRepository datasets;
    private final PolicyRepository policies;
    private final StoreCatalog stores;
    private final HistoryRepository history;
    private final JobRepository jobs;
    private final StorePlacement placement;
    private final Clock clock;

    public PlacementAdvisor(DatasetRepository datasets, PolicyRepository policies, StoreCatalog stores,
                            HistoryRepository history, JobRepository jobs, StorePlacement placement, Clock clock) {
        this.datasets = datasets;
        this.policies = policies;
        this.stores = stores;
        this.history = history;
        this.jobs = jobs;
        this.placement = placement;
        this.clock = clock;
    }

    /** A dataset with its governing policy (its own, else the global one, else none). */
    public record Governed(Dataset dataset, Policy policy) {
    }

    /** Every dataset with the policy that governs it. */
    public List<Governed> governed() {
        Map<Long, Policy> byId = new HashMap<>();
        policies.all().forEach(p -> byId.put(p.id(), p));
        Policy global = byId.values().stream().filter(p -> p.name().equals(Policy.GLOBAL)).findFirst().orElse(null);
        return datasets.all().stream()
                .map(d -> new Governed(d, d.policyId() == null ? global : byId.get(d.policyId()))).toList();
    }

    /** Where each dataset of {@code wanted} belongs, for the tier wanted for it. */
    public Map<Long, StorePlacement.Placed> placeAll(Map<Long, Tier> wanted) {
        Map<Long, StorePlacement.Placed> out = new LinkedHashMap<>();
        if (wanted.isEmpty()) {
            return out;
        }
        Map<Long, Demand> demand = demand();
        Map<Long, Instant> switched = jobs.lastSwitches();
        Map<Long, List<String>> secondaries = datasets.secondaryUris();
        Instant now = clock.instant();
        for (Governed g : governed()) {
            Tier tier = wanted.get(g.dataset().id());
            if (tier != null) {
                out.put(g.dataset().id(), place(g, tier, demand, switched,
                        secondaries.getOrDefault(g.dataset().id(), List.of()), now));
            }
        }
        return out;
    }

    private StorePlacement.Placed place(Governed g, Tier tier, Map<Long, Demand> demand, Map<Long, Instant> switched,
                                        List<String> secondaryUris, Instant now) {
        Dataset d = g.dataset();
        Instant since = Optional.ofNullable(switched.get(d.id())).orElse(d.createdAt());
        double resident = Math.max(0, (now.toEpochMilli() - since.toEpochMilli()) / DAY_MS);
        StorePlacement.Facts facts = new StorePlacement.Facts(d.pathUri(), d.currentTier(), d.sizeBytes(), resident,
                demand.getOrDefault(d.id(), Demand.NONE), storesHolding(secondaryUris));
        return placement.place(stores.all(), facts, tier, g.policy());
    }

    /** The registered stores that hold a copy of the dataset, primary or secondary. */
    public Set<String> storesWithCopies(Dataset d) {
        return storesHolding(datasets.replicas(d.id()).stream().map(routes.catalog.Replica::uri).toList());
    }

    /** The names of the registered stores these locations lie in. */
    private Set<String> storesHolding(List<String> uris) {
        Set<String> names = new LinkedHashSet<>();
        uris.forEach(u -> stores.holding(u).ifPresent(s -> names.add(s.name())));
        return names;
    }

    /** Each dataset's expected use per month, forecast from its access history in days and, for idle data
     *  never read, from how often such data came back across all datasets' histories (the replay's forecast). */
    private Map<Long, Demand> demand() {
        List<HistoryRepository.Series> all = history.all();
        Map<Long, Demand> out = new HashMap<>();
        ReturnPrior prior = ReturnPrior.of(all.stream().map(HistoryRepository.Series::days).toList());
        for (HistoryRepository.Series s : all) {
            UsageWindow w = new UsageWindow();
            for (int day = 0; day < s.days().length(); day++) {
                w.add(s.days(), day);
            }
            DemandForecast forecast = prior.forecast(DemandForecast.RECENT_OR_RECURRING,
                    placement.settings().horizonDays(), f -> s.days().firstDay() + (long) f.ageDays());
            out.put(s.datasetId(), forecast.predict(w.features(s.days().length(), s.sizeBytes())));
        }
        return out;
    }
}
