package routes.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Picks, among a provider's classes the policy allows, the one with the lowest expected cost over
 * the horizon, and moves there only when it is worth it (hysteresis, so noise does not flap a
 * dataset between classes): before a move to colder storage the dataset has been where it is for at
 * least the minimum residency, and any move saves at least the minimum fraction of the cost of staying. A dataset in a class the
 * policy forbids is moved whatever the hysteresis says.
 */
public final class Placement {

    /** Horizon of the cost comparison and the two hysteresis bounds. */
    public record Settings(double horizonDays, double minResidencyDays, double minSavingFraction) {
        public Settings {
            if (horizonDays <= 0 || minResidencyDays < 0 || minSavingFraction < 0) {
                throw new IllegalArgumentException("horizon must be positive, residency and saving not negative");
            }
        }
    }

    /** One candidate with its expected cost over the horizon. */
    public record Option(StorageClass storageClass, Cost expected) {
    }

    /** The choice: where the dataset should be, what staying and moving cost, and why. */
    public record Decision(StorageClass current, StorageClass target, Cost stay, Cost best, List<Option> options,
                           String reason) {
        public boolean moves() {
            return !target.name().equals(current.name());
        }
    }

    private final CostModel costs;
    private final Settings settings;

    public Placement(CostModel costs, Settings settings) {
        this.costs = costs;
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    public CostModel costs() {
        return costs;
    }

    /**
     * The class the dataset should be in, by the same rule as {@link #decide} but without building the
     * explanation (the replay asks this once per dataset and simulated day).
     */
    public StorageClass target(List<StorageClass> classes, StorageClass current, double residentDays, long sizeBytes,
                               Demand demand, PlacementPolicy policy) {
        StorageClass best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (StorageClass c : classes) {
            if (policy.allows(c)) {
                double cost = costs.expected(current, residentDays, c, sizeBytes, demand, settings.horizonDays()).total();
                if (cost < bestCost) {
                    best = c;
                    bestCost = cost;
                }
            }
        }
        if (best == null || best.equals(current)) {
            return current;
        }
        if (!policy.allows(current)) {
            return best;
        }
        if (residentDays < settings.minResidencyDays() && cheaperToStore(best, current)) {
            return current;
        }
        double stay = costs.expected(current, residentDays, current, sizeBytes, demand, settings.horizonDays()).total();
        return stay - bestCost < settings.minSavingFraction() * stay ? current : best;
    }

    /** Minimum residency holds back moves to colder storage; a dataset whose reads have come back is
     *  moved up at once, since every day in the cold class pays retrieval fees. */
    private static boolean cheaperToStore(StorageClass target, StorageClass current) {
        return target.storagePerGbMonth() < current.storagePerGbMonth();
    }

    public Decision decide(List<StorageClass> classes, StorageClass current, double residentDays, long sizeBytes,
                           Demand demand, PlacementPolicy policy) {
        List<Option> options = new ArrayList<>();
        Option best = null;
        for (StorageClass c : classes) {
            if (!policy.allows(c)) {
                continue;
            }
            Option o = new Option(c, costs.expected(current, residentDays, c, sizeBytes, demand, settings.horizonDays()));
            options.add(o);
            if (best == null || o.expected().total() < best.expected().total()) {
                best = o;
            }
        }
        Cost stay = costs.expected(current, residentDays, current, sizeBytes, demand, settings.horizonDays());
        if (best == null) {
            return new Decision(current, current, stay, stay, options, "no class satisfies the policy; staying");
        }
        String h = String.format(Locale.ROOT, "over %.0f d: stay in %s $%.4f, best %s $%.4f",
                settings.horizonDays(), current.name(), stay.total(), best.storageClass().name(),
                best.expected().total());
        if (!policy.allows(current)) {
            return new Decision(current, best.storageClass(), stay, best.expected(), options,
                    h + "; " + current.name() + " breaks the policy");
        }
        if (best.storageClass().name().equals(current.name())) {
            return new Decision(current, current, stay, stay, options, h + "; already the cheapest");
        }
        if (residentDays < settings.minResidencyDays() && cheaperToStore(best.storageClass(), current)) {
            return new Decision(current, current, stay, best.expected(), options, h + String.format(Locale.ROOT,
                    "; held: resident %.0f d of a minimum %.0f d", residentDays, settings.minResidencyDays()));
        }
        double saving = stay.total() - best.expected().total();
        if (saving < settings.minSavingFraction() * stay.total()) {
            return new Decision(current, current, stay, best.expected(), options, h + String.format(Locale.ROOT,
                    "; held: saving %.1f%% below the minimum %.1f%%", 100 * saving / Math.max(stay.total(), 1e-12),
                    100 * settings.minSavingFraction()));
        }
        return new Decision(current, best.storageClass(), stay, best.expected(), options, h + "; move");
    }
}
