package routes.classify;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import routes.api.ApiException;
import routes.catalog.Tier;

/**
 * "Training" of the rule classifier: the hot threshold is fitted to the data as the 75th percentile
 * of accesses per active dataset in the look-back period, so "hot" means "among the busiest quarter".
 * The result is stored as a new model version and used at once. The trained-model issue replaces
 * this with a learned model behind the same endpoint.
 */
public final class RuleTrainer {

    public static final String MODEL_NAME = "recency-frequency";

    private final ActivityRepository activity;
    private final ModelRepository models;
    private final RecencyFrequencyClassifier classifier;
    private final RuleParams defaults;
    private final Clock clock;

    public RuleTrainer(ActivityRepository activity, ModelRepository models, RecencyFrequencyClassifier classifier,
                       RuleParams defaults, Clock clock) {
        this.activity = activity;
        this.models = models;
        this.classifier = classifier;
        this.defaults = defaults;
        this.clock = clock;
    }

    public ModelRepository.Model train() {
        if (activity.aggregateRows() == 0) {
            throw new ApiException(422, "no access history yet: post access events before training", null);
        }
        List<AccessStats> stats = activity.since(clock.instant().minus(defaults.lookback()));
        long[] active = stats.stream().mapToLong(AccessStats::accesses).filter(n -> n > 0).sorted().toArray();
        long hot = active.length == 0 ? defaults.hotAccesses()
                : Math.max(1, active[(int) Math.ceil(0.75 * active.length) - 1]);
        RuleParams trained = new RuleParams(hot, defaults.hotWithin(), defaults.coldAfter(), defaults.lookback());

        RecencyFrequencyClassifier candidate = new RecencyFrequencyClassifier(trained, "candidate");
        Map<Tier, Integer> tiers = new EnumMap<>(Tier.class);
        for (AccessStats s : stats) {
            tiers.merge(candidate.classify(s, clock.instant()).tier(), 1, Integer::sum);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("hot_accesses", trained.hotAccesses());
        params.put("hot_within_seconds", trained.hotWithin().toSeconds());
        params.put("cold_after_seconds", trained.coldAfter().toSeconds());
        params.put("lookback_seconds", trained.lookback().toSeconds());
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("training_rows", stats.size());
        metrics.put("active_datasets", active.length);
        tiers.forEach((tier, n) -> metrics.put(tier.json(), n));
        ModelRepository.Model model = models.insert(MODEL_NAME, "recency-frequency-rules", params, metrics);
        classifier.use(trained, MODEL_NAME + "-v" + model.version());
        return model;
    }

    /** Restores the newest stored parameters at start-up, so a restart keeps the trained thresholds. */
    public void loadLatest() {
        models.latest(MODEL_NAME).ifPresent(m -> classifier.use(new RuleParams(
                ((Number) m.params().get("hot_accesses")).longValue(),
                Duration.ofSeconds(((Number) m.params().get("hot_within_seconds")).longValue()),
                Duration.ofSeconds(((Number) m.params().get("cold_after_seconds")).longValue()),
                Duration.ofSeconds(((Number) m.params().get("lookback_seconds")).longValue())),
                MODEL_NAME + "-v" + m.version()));
    }
}
