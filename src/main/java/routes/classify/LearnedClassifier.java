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
import routes.plan.Demand;
import routes.plan.DemandForecast;
import routes.plan.Placement;
import routes.plan.StorageClass;
import routes.plan.UsageFeatures;
import routes.plan.UsageWindow;

/**
 * The newest trained tiering model, swapped in without a restart, and the advice it gives: a tier with
 * the tree's confidence, and a reason naming the features the tree leans on, the dataset's recent use,
 * the classes its policy allows, and the monthly cost now against the cheapest allowed class for its
 * expected use, with the time the move takes to pay back.
 */
public final class LearnedClassifier {

    private record Loaded(Model<Label> model, String version, List<String> topFeatures) {
    }

    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private final HistoryRepository history;
    private final Placement placement;
    private final List<StorageClass> classes;

    public LearnedClassifier(HistoryRepository history, Placement placement, List<StorageClass> classes) {
        this.history = history;
        this.placement = placement;
        this.classes = classes;
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
                    reason(m, c, f, s)));
        }
        return out;
    }

    private String reason(Loaded m, TieringModel.Classification c, UsageFeatures f, HistoryRepository.Series s) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "%s predicts %s for the coming week (confidence %.2f); the tree leans on %s; reads 7 d %.0f, 30 d %.0f, "
                        + "%.0f d since the last access", m.version(), c.tier().json(), c.confidence(),
                String.join(", ", m.topFeatures()), f.readsLast7d(), f.readsLast30d(), f.daysSinceLastAccess()));
        StorageClass now = classes.stream().filter(k -> k.tier() == s.currentTier()).findFirst().orElse(classes.get(0));
        Demand demand = DemandForecast.RECENT_OR_RECURRING.predict(f);
        Placement.Decision d = placement.decide(classes, now, placement.settings().minResidencyDays(), s.sizeBytes(),
                demand, s.policy());
        if (s.policyName() != null) {
            b.append("; policy '").append(s.policyName()).append("' allows ").append(d.options().isEmpty() ? "no class"
                    : String.join(", ", d.options().stream().map(o -> o.storageClass().name()).toList()));
        }
        double monthNow = monthly(now, s.sizeBytes(), demand);
        double monthBest = monthly(bestClass(d), s.sizeBytes(), demand);
        b.append(String.format(Locale.ROOT, "; cost per month now $%.4f in %s, $%.4f in %s", monthNow, now.name(),
                monthBest, bestClass(d).name()));
        double moveCost = d.best().migration() + d.best().earlyDeletion();
        if (monthNow > monthBest && moveCost > 0) {
            b.append(String.format(Locale.ROOT, ", the move pays back in %.0f d", 30 * moveCost / (monthNow - monthBest)));
        }
        return b.toString();
    }

    private static StorageClass bestClass(Placement.Decision d) {
        return d.options().stream().min((a, b) -> Double.compare(a.expected().total(), b.expected().total()))
                .map(Placement.Option::storageClass).orElse(d.current());
    }

    private double monthly(StorageClass c, long size, Demand demand) {
        return placement.costs().storage(c, size, 30).plus(placement.costs().access(c, demand.readsPerMonth(),
                demand.readBytesPerMonth(), demand.writesPerMonth())).total();
    }
}
