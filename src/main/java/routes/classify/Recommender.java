package routes.classify;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.transaction.support.TransactionTemplate;
import routes.catalog.Tier;
import routes.plan.PlacementAdvisor;
import routes.plan.StorePlacement;

/** Classifies every dataset, places it among the registered stores its policy allows, and stores a
 *  recommendation when the advice changed (another tier, store or replica stores, or a new model version), so the
 *  recommendations topic carries news, not repetition. */
public final class Recommender {

    private final ActivityRepository activity;
    private final RecommendationRepository recommendations;
    private final RecencyFrequencyClassifier classifier;
    private final LearnedClassifier learned;
    private final PlacementAdvisor placement;
    private final TransactionTemplate tx;
    private final Clock clock;

    public Recommender(ActivityRepository activity, RecommendationRepository recommendations,
                       RecencyFrequencyClassifier classifier, LearnedClassifier learned, PlacementAdvisor placement,
                       TransactionTemplate tx, Clock clock) {
        this.learned = learned;
        this.placement = placement;
        this.activity = activity;
        this.recommendations = recommendations;
        this.classifier = classifier;
        this.tx = tx;
        this.clock = clock;
    }

    public List<Recommendation> recommendAll() {
        Instant now = clock.instant();
        List<AccessStats> stats = activity.since(now.minus(classifier.params().lookback()));
        // a trained tree, when there is one, replaces the rules
        Map<Long, RecencyFrequencyClassifier.Classification> tree = learned.classifyAll();
        String version = learned.version().orElse(classifier.version());
        Map<Long, RecencyFrequencyClassifier.Classification> advice = new LinkedHashMap<>();
        for (AccessStats st : stats) {
            advice.put(st.datasetId(), tree.containsKey(st.datasetId())
                    ? tree.get(st.datasetId()) : classifier.classify(st, now));
        }
        Map<Long, Tier> wanted = new LinkedHashMap<>();
        advice.forEach((id, c) -> wanted.put(id, c.tier()));
        Map<Long, StorePlacement.Placed> placed = placement.placeAll(wanted);
        List<Recommendation> fresh = new ArrayList<>();
        tx.executeWithoutResult(s -> {
            // every dataset's current advice in one query, not one query per dataset
            Map<Long, RecommendationRepository.Advice> latest = recommendations.latestAdvice();
            advice.forEach((id, c) -> {
                StorePlacement.Placed p = placed.get(id);
                Tier tier = p == null ? c.tier() : p.tier();
                String store = p == null ? null : p.targetStore();
                List<String> replicaStores = p == null ? List.of() : p.replicaStores();
                String reason = p == null ? c.reason() : c.reason() + "; " + p.reason();
                RecommendationRepository.Advice last = latest.get(id);
                if (last == null || last.tier() != tier || !last.modelVersion().equals(version)
                        || !Objects.equals(last.targetStore(), store) || !last.replicaStores().equals(replicaStores)) {
                    fresh.add(recommendations.insert(id, tier, c.confidence(), reason, version, store, replicaStores));
                }
            });
        });
        return fresh;
    }
}
