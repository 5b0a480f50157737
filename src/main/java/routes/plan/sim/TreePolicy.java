package routes.plan.sim;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.tribuo.Model;
import org.tribuo.classification.Label;
import routes.catalog.Tier;
import routes.classify.TieringModel;
import routes.plan.Demand;
import routes.plan.Placement;
import routes.plan.PlacementPolicy;
import routes.plan.StorageClass;
import routes.plan.UsageFeatures;

/**
 * Our placement driven by the trained tree instead of the rule forecast: the tree gives the probability
 * of each tier for the coming label horizon, and the demand expected (each tier's mean in the training
 * history, reads and the share of the dataset they read, weighted by those probabilities) feeds the
 * same placement. Trained inside the replay on the first half of the trace, so its decisions there are
 * in-sample; the second half is a fair test.
 */
public final class TreePolicy implements ReplayPolicy {

    public static final String NAME = "data-in-motion-tree";

    private final List<StorageClass> classes;
    private final Placement placement;
    private final PlacementPolicy policy;
    private final Model<Label> model;
    private final Map<Tier, double[]> perMonth; // reads, share of the size read

    private TreePolicy(List<StorageClass> classes, Placement placement, PlacementPolicy policy, Model<Label> model,
                       Map<Tier, double[]> perMonth) {
        this.classes = classes;
        this.placement = placement;
        this.policy = policy;
        this.model = model;
        this.perMonth = perMonth;
    }

    /** Trains on the days before {@code splitDay}; null when that history is too short for a tree. */
    public static TreePolicy train(List<DatasetHistory.Days> all, long splitDay, TieringModel tiering,
                                   List<StorageClass> classes, Placement placement, PlacementPolicy policy) {
        List<DatasetHistory.Days> past = all.stream().filter(d -> d.firstDay() < splitDay)
                .map(d -> d.head((int) Math.min(d.length(), splitDay - d.firstDay()))).toList();
        TieringModel.Trained t;
        try {
            t = tiering.train(past);
        } catch (TieringModel.NotEnoughHistory e) {
            return null;
        }
        int h = tiering.params().horizonDays();
        Map<Tier, double[]> sums = new EnumMap<>(Tier.class);
        for (DatasetHistory.Days d : past) {
            for (int s = 0; s + h <= d.length(); s += tiering.params().strideDays()) {
                double reads = 0;
                double share = 0;
                for (int x = s; x < s + h; x++) {
                    reads += d.reads()[x];
                    share += d.size()[x] > 0 ? (double) d.readBytes()[x] / d.size()[x] : 0;
                }
                double[] acc = sums.computeIfAbsent(tiering.label(d, s), k -> new double[3]);
                acc[0] += reads;
                acc[1] += share;
                acc[2]++;
            }
        }
        Map<Tier, double[]> perMonth = new EnumMap<>(Tier.class);
        sums.forEach((tier, a) -> perMonth.put(tier, new double[] {a[0] / a[2] * 30 / h, a[1] / a[2] * 30 / h}));
        return new TreePolicy(classes, placement, policy, t.model(), perMonth);
    }

    public String name() {
        return NAME;
    }

    public String description() {
        return "the placement fed by the Tribuo tree's predicted tier (trained on the first half of the trace)";
    }

    public int initial(int n) {
        for (int i = 0; i < classes.size(); i++) {
            if (policy.allows(classes.get(i))) {
                return i;
            }
        }
        return 0;
    }

    public int decide(int current, int residentDays, UsageFeatures past) {
        // expected demand over the tree's class probabilities, so an uncertain "cold" still carries the
        // retrieval fees its chance of being read would cost
        double reads = 0;
        double share = 0;
        for (Map.Entry<Tier, Double> e : TieringModel.probabilities(model, past).entrySet()) {
            double[] m = perMonth.getOrDefault(e.getKey(), new double[2]);
            reads += e.getValue() * m[0];
            share += e.getValue() * m[1];
        }
        Demand demand = new Demand(reads, share * past.sizeBytes(), 0);
        StorageClass now = classes.get(current);
        return classes.indexOf(placement.target(classes, now, residentDays, past.sizeBytes(), demand, policy));
    }

    @Override
    public Promotion onAccess(int current, int residentDays, UsageFeatures past, long bytesPerRead) {
        return Promotion.by(placement, classes, policy, current, residentDays, past, bytesPerRead, 0);
    }
}
