package routes.classify;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.oracle.labs.mlrg.olcut.util.Pair;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.baseline.DummyClassifierTrainer;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import routes.catalog.Tier;
import routes.plan.UsageFeatures;
import routes.plan.UsageWindow;
import routes.plan.sim.DatasetHistory;

/**
 * The learned classifier: a Tribuo CART decision tree that predicts from a dataset's past use
 * ({@link UsageFeatures}) how hot it will be over the next {@code horizonDays}: hot with at least
 * {@code hotReads} reads, warm with at least one, cold with none. Labels come from the history itself,
 * so no one labels anything.
 * <p>Why a tree: the features are counts, bytes and days on wildly different scales with thresholds
 * that matter ("no read for 30 days"), which a tree takes as they are while a linear model (SGD,
 * liblinear) needs scaling and cannot express them; a tree's splits and feature importances can be
 * read back as a reason; and CART trains in well under a second on tens of thousands of rows.
 * <p>Training splits by time: rows whose label window ends before the split day train, rows at or
 * after it test, so the metrics are those of predicting the future.
 */
public final class TieringModel {

    public static final String NAME = "tiering-tree";
    public static final String ALGORITHM = "tribuo-cart";
    static final String[] FEATURES = {"reads_7d", "reads_30d", "read_gb_30d", "writes_30d", "days_since_access",
        "age_days", "size_gb", "reads_total", "returns_after_idle"};

    /** Label thresholds, tree depth, and how much history training needs. */
    public record Params(int horizonDays, int hotReads, int maxDepth, int strideDays, int minRows,
                         double trainFraction) {
        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("horizon_days", horizonDays);
            m.put("hot_reads", hotReads);
            m.put("max_depth", maxDepth);
            m.put("stride_days", strideDays);
            m.put("min_rows", minRows);
            m.put("train_fraction", trainFraction);
            return m;
        }
    }

    /** A trained tree with its parameters and its metrics on the later windows. */
    public record Trained(Model<Label> model, Map<String, Object> params, Map<String, Object> metrics) {
    }

    /** Too little history to train and evaluate a model. */
    public static final class NotEnoughHistory extends RuntimeException {
        public NotEnoughHistory(String message) {
            super(message);
        }
    }

    private record Row(long day, UsageFeatures features, Tier label) {
    }

    private final Params params;

    public TieringModel(Params params) {
        this.params = params;
    }

    public Params params() {
        return params;
    }

    /** The label of what happened in the {@code horizonDays} from day {@code t} on. */
    public Tier label(DatasetHistory.Days days, int t) {
        long reads = 0;
        for (int d = t; d < t + params.horizonDays(); d++) {
            reads += days.reads()[d];
        }
        return reads >= params.hotReads() ? Tier.HOT : reads > 0 ? Tier.WARM : Tier.COLD;
    }

    public Trained train(List<DatasetHistory.Days> histories) {
        List<Row> rows = new ArrayList<>();
        long minDay = Long.MAX_VALUE;
        long maxDay = Long.MIN_VALUE;
        for (DatasetHistory.Days days : histories) {
            UsageWindow w = new UsageWindow();
            for (int t = 0; t + params.horizonDays() <= days.length(); t++) {
                if (t > 0 && t % params.strideDays() == 0) {
                    rows.add(new Row(days.firstDay() + t, w.features(t, days.sizeBefore(t)), label(days, t)));
                    minDay = Math.min(minDay, days.firstDay() + t);
                    maxDay = Math.max(maxDay, days.firstDay() + t);
                }
                w.add(days, t);
            }
        }
        if (rows.size() < params.minRows()) {
            throw new NotEnoughHistory("training needs at least " + params.minRows() + " dataset-windows with a "
                    + params.horizonDays() + "-day future; the access history gives " + rows.size());
        }
        long split = minDay + Math.round((maxDay - minDay) * params.trainFraction());
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> train = new MutableDataset<>(new SimpleDataSourceProvenance("access history, before "
                + LocalDate.ofEpochDay(split), factory), factory);
        MutableDataset<Label> test = new MutableDataset<>(new SimpleDataSourceProvenance("access history, from "
                + LocalDate.ofEpochDay(split), factory), factory);
        for (Row r : rows) {
            if (r.day() + params.horizonDays() <= split) {
                train.add(example(r.features(), r.label()));
            } else if (r.day() >= split) {
                test.add(example(r.features(), r.label()));
            }
        }
        if (train.size() < params.minRows() / 2 || test.size() < 1 || train.getOutputs().size() < 2) {
            throw new NotEnoughHistory("the history before " + LocalDate.ofEpochDay(split) + " gives " + train.size()
                    + " training rows with " + train.getOutputs().size() + " classes and " + test.size()
                    + " test rows after it; more history (or more datasets) is needed");
        }
        Model<Label> model = new CARTClassificationTrainer(params.maxDepth()).train(train);
        Model<Label> majority = DummyClassifierTrainer.createMostFrequentTrainer().train(train);
        LabelEvaluator evaluator = new LabelEvaluator();
        LabelEvaluation e = evaluator.evaluate(model, test);
        LabelEvaluation b = evaluator.evaluate(majority, test);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", round(e.accuracy()));
        metrics.put("macro_f1", round(e.macroAveragedF1()));
        metrics.put("majority_baseline_accuracy", round(b.accuracy()));
        metrics.put("majority_baseline_macro_f1", round(b.macroAveragedF1()));
        metrics.put("confusion_matrix", confusion(e));
        metrics.put("training_rows", train.size());
        metrics.put("test_rows", test.size());
        metrics.put("split_day", LocalDate.ofEpochDay(split).toString());
        metrics.put("top_features", topFeatures(model, 5));
        return new Trained(model, params.json(), metrics);
    }

    /** truth -> predicted -> count, over the test rows. */
    private static Map<String, Map<String, Long>> confusion(LabelEvaluation e) {
        Map<String, Map<String, Long>> m = new LinkedHashMap<>();
        // Tribuo's matrix only knows the labels it has seen; asking about another one fails
        java.util.Set<String> known = new java.util.HashSet<>();
        e.getConfusionMatrix().getDomain().getDomain().forEach(l -> known.add(l.getLabel()));
        for (Tier truth : Tier.values()) {
            Map<String, Long> row = new LinkedHashMap<>();
            for (Tier predicted : Tier.values()) {
                boolean seen = known.contains(truth.json()) && known.contains(predicted.json());
                row.put(predicted.json(), seen ? Math.round(e.getConfusionMatrix().confusion(
                        new Label(predicted.json()), new Label(truth.json()))) : 0L);
            }
            m.put(truth.json(), row);
        }
        return m;
    }

    /** The features the tree leans on most, by Tribuo's importance ranking. */
    public static List<String> topFeatures(Model<Label> model, int n) {
        List<String> out = new ArrayList<>();
        for (Pair<String, Double> p : model.getTopFeatures(n).getOrDefault(Model.ALL_OUTPUTS, List.of())) {
            out.add(p.getA());
        }
        return out;
    }

    public static Example<Label> example(UsageFeatures f, Tier label) {
        return new ArrayExample<>(label == null ? LabelFactory.UNKNOWN_LABEL : new Label(label.json()), FEATURES,
                values(f));
    }

    static double[] values(UsageFeatures f) {
        return new double[] {f.readsLast7d(), f.readsLast30d(), f.readBytesLast30d() / (1 << 30), f.writesLast30d(),
            f.daysSinceLastAccess(), f.ageDays(), f.sizeBytes() / (double) (1 << 30), f.readsTotal(),
            f.returnsAfterIdle()};
    }

    /** The predicted tier and the tree's confidence in it (the share of its leaf's training rows). */
    public static Classification predict(Model<Label> model, UsageFeatures f) {
        Prediction<Label> p = model.predict(example(f, null));
        Label out = p.getOutput();
        double score = p.hasProbabilities() ? out.getScore() : 1.0;
        return new Classification(Tier.of(out.getLabel()), Math.round(score * 1000) / 1000.0);
    }

    /** The tree's probability of each tier (its leaf's class shares). */
    public static Map<Tier, Double> probabilities(Model<Label> model, UsageFeatures f) {
        Prediction<Label> p = model.predict(example(f, null));
        Map<Tier, Double> out = new java.util.EnumMap<>(Tier.class);
        p.getOutputScores().forEach((name, label) -> out.put(Tier.of(name), label.getScore()));
        return out;
    }

    /** A tier with a confidence in [0, 1]. */
    public record Classification(Tier tier, double confidence) {
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
