package routes.classify;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.transaction.support.TransactionTemplate;

/** Classifies every dataset and stores a recommendation when the advice changed (another tier or a
 *  new model version), so the recommendations topic carries news, not repetition. */
public final class Recommender {

    private final ActivityRepository activity;
    private final RecommendationRepository recommendations;
    private final RecencyFrequencyClassifier classifier;
    private final LearnedClassifier learned;
    private final TransactionTemplate tx;
    private final Clock clock;

    public Recommender(ActivityRepository activity, RecommendationRepository recommendations,
                       RecencyFrequencyClassifier classifier, LearnedClassifier learned, TransactionTemplate tx,
                       Clock clock) {
        this.learned = learned;
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
        List<Recommendation> fresh = new ArrayList<>();
        tx.executeWithoutResult(s -> {
            // every dataset's current advice in one query, not one query per dataset
            Map<Long, RecommendationRepository.Advice> latest = recommendations.latestAdvice();
            for (AccessStats st : stats) {
                RecencyFrequencyClassifier.Classification c = tree.containsKey(st.datasetId())
                        ? tree.get(st.datasetId()) : classifier.classify(st, now);
                RecommendationRepository.Advice last = latest.get(st.datasetId());
                if (last == null || last.tier() != c.tier() || !last.modelVersion().equals(version)) {
                    fresh.add(recommendations.insert(st.datasetId(), c.tier(), c.confidence(), c.reason(), version));
                }
            }
        });
        return fresh;
    }
}
