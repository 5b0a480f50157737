package routes.classify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.tribuo.Model;
import org.tribuo.classification.Label;
import routes.plan.UsageFeatures;
import routes.plan.UsageWindow;

/**
 * The newest trained tiering model, swapped in without a restart, and the advice it gives: a tier with
 * the tree's confidence, and a reason naming the features the tree leans on and the dataset's recent
 * use. Where the tier is best kept (the store, its costs, the policy's bounds) placement adds.
 */
public final class LearnedClassifier {

    private record Loaded(Model<Label> model, String version, List<String> topFeatures) {
    }

    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private final HistoryRepository history;

    public LearnedClassifier(HistoryRepository history) {
        this.history = history;
    }

    public Optional<String> version() {
        return Optional.ofNullable(current.get()).map(Loaded::version);
    }

    public void use(Model<Label> model, String version) {
        current.set(new Loaded(model, version, TieringModel.topFeatures(model, 3)));
    }

    @SuppressWarnings("unchecked")
    public void load(Path file, String version) throws IOException {
        use((Model<Label>) Model.deserializeFromFile(file), version);
    }

    /** Advice for every dataset from the loaded model, or empty when none is loaded. */
    public Map<Long, RecencyFrequencyClassifier.Classification> classifyAll() {
        Loaded m = current.get();
        Map<Long, RecencyFrequencyClassifier.Classification> out = new LinkedHashMap<>();
        if (m == null) {
            return out;
        }
        for (HistoryRepository.Series s : history.all()) {
            UsageWindow w = new UsageWindow();
            for (int d = 0; d < s.days().length(); d++) {
                w.add(s.days(), d);
            }
            UsageFeatures f = w.features(s.days().length(), s.sizeBytes());
            TieringModel.Classification c = TieringModel.predict(m.model(), f);
            out.put(s.datasetId(), new RecencyFrequencyClassifier.Classification(c.tier(), c.confidence(),
                    reason(m, c, f)));
        }
        return out;
    }

    private static String reason(Loaded m, TieringModel.Classification c, UsageFeatures f) {
        return String.format(Locale.ROOT,
                "%s predicts %s for the coming week (confidence %.2f); the tree leans on %s; reads 7 d %.0f, 30 d %.0f, "
                        + "%.0f d since the last access", m.version(), c.tier().json(), c.confidence(),
                String.join(", ", m.topFeatures()), f.readsLast7d(), f.readsLast30d(), f.daysSinceLastAccess());
    }
}
