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
        StorageClass warmest = returnClass(classes, policy);
        for (StorageClass c : classes) {
            if (policy.allows(c)) {
                double cost = expected(warmest, current, residentDays, c, sizeBytes, demand).total();
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
        if (held(residentDays, demand) && cheaperToStore(best, current)) {
            return current;
        }
        double stay = expected(warmest, current, residentDays, current, sizeBytes, demand).total();
        return stay - bestCost < settings.minSavingFraction() * stay ? current : best;
    }

    /**
     * The expected cost over the horizon of holding the dataset in {@code c}. Data that comes back after
     * idle spells and is idle now need not have its returns served by a cold class: each return is
     * served there until the promotion, then from {@code warmest} (where returns go, see
     * {@link #returnClass}) for a week, then it goes back down. The cheaper of that and serving every
     * read where it is.
     * A class whose minimum storage duration is longer than the horizon (GCS Archive's 365 days) is priced
     * over that minimum, returns and all, and scaled to the horizon: a move there commits to it, and
     * billing its whole minimum against the horizon of the others made it dearer than a class that
     * stores for three times its price.
     */
    private Cost expected(StorageClass warmest, StorageClass current, double residentDays, StorageClass c,
                          long sizeBytes, Demand demand) {
        double horizon = settings.horizonDays();
        double h = c.name().equals(current.name()) ? horizon : Math.max(horizon, c.minStorageDays());
        return expectedOver(warmest, current, residentDays, c, sizeBytes, demand, h).times(horizon / h);
    }

    private Cost expectedOver(StorageClass warmest, StorageClass current, double residentDays, StorageClass c,
                              long sizeBytes, Demand demand, double h) {
        Cost servedThere = costs.expected(current, residentDays, c, sizeBytes, demand, h);
        // a self-tiering class reprices itself on a return; nothing is moved
        if (demand.returnsPerMonth() <= 0 || demand.readsPerMonth() <= 0 || warmest == null || warmest.equals(c)
                || c.selfTiering()) {
            return servedThere;
        }
        double returns = demand.returnsPerMonth() * h / CostModel.DAYS_PER_MONTH;
        double readsPerReturn = Math.max(1, demand.readsPerMonth() * h / CostModel.DAYS_PER_MONTH / returns);
        double bytesPerRead = demand.readBytesPerMonth() / demand.readsPerMonth();
        double daysBetween = CostModel.DAYS_PER_MONTH / demand.returnsPerMonth();
        double held = DemandForecast.IDLE_DAYS;
        Cost oneReturn = costs.access(c, 1, bytesPerRead, 0)
                .plus(costs.migration(c, warmest, sizeBytes, daysBetween))
                .plus(costs.access(warmest, readsPerReturn - 1, bytesPerRead * (readsPerReturn - 1), 0))
                .plus(new Cost(costs.storage(warmest, sizeBytes, held).storage()
                        - costs.storage(c, sizeBytes, held).storage(), 0, 0, 0, 0))
                .plus(costs.migration(warmest, c, sizeBytes, held));
        Cost idle = costs.expected(current, residentDays, c, sizeBytes,
                new Demand(0, 0, demand.writesPerMonth()), h);
        Cost promoted = idle.plus(oneReturn.times(returns));
        return promoted.total() < servedThere.total() ? promoted : servedThere;
    }

    /**
     * Where a return is brought up to: the self-tiering class when the policy allows one, else the warmest
     * class it allows. The self-tiering class bills as the hottest class while the data is read, without
     * retrieval fees, and lowers its price by itself once the data is idle again; the hottest class held
     * data that came back once for the minimum residency at its full price (the data has no returns of
     * its own yet, so nothing exempts it), which made moving never-read data down early dear.
     */
    static StorageClass returnClass(List<StorageClass> classes, PlacementPolicy policy) {
        StorageClass warmest = null;
        for (StorageClass c : classes) {
            if (policy.allows(c)) {
                if (c.selfTiering()) {
                    return c;
                }
                warmest = warmest == null ? c : warmest;
            }
        }
        return warmest;
    }

    /**
     * A read reached a dataset in {@code current}: the class returns go to ({@link #returnClass}), to be
     * moved to once the reads served where it is would have paid for the move (rent, then buy), or at the
     * first read when this return is expected to bring at least that many reads ({@code readsExpected}:
     * without bound for data that came back from idleness before, whose returns come in bursts); null when
     * it is already there or reads cost no more where it is.
     */
    public Promotion promotion(List<StorageClass> classes, StorageClass current, double residentDays, long sizeBytes,
                               long bytesPerRead, double readsExpected, PlacementPolicy policy) {
        StorageClass warmest = returnClass(classes, policy);
        if (warmest == null || warmest.equals(current)) {
            return null;
        }
        double extraPerRead = costs.access(current, 1, bytesPerRead, 0).total()
                - costs.access(warmest, 1, bytesPerRead, 0).total();
        if (extraPerRead <= 0) {
            return null;
        }
        double move = costs.migration(current, warmest, sizeBytes, residentDays).total();
        double rent = Math.ceil(move / extraPerRead);
        int reads = readsExpected >= rent ? 1 : (int) Math.min(Integer.MAX_VALUE, rent);
        return new Promotion(warmest, Math.max(1, reads));
    }

    /** Move to {@code target} once {@code afterReads} reads were served where the dataset is. */
    public record Promotion(StorageClass target, int afterReads) {
    }

    /** Whether the minimum residency still holds the dataset where it is. Recurring data gone idle
     *  between returns is not held: a return brings it back up, and the forecast has priced that in. */
    private boolean held(double residentDays, Demand demand) {
        return residentDays < settings.minResidencyDays() && demand.returnsPerMonth() <= 0;
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
        StorageClass warmest = returnClass(classes, policy);
        for (StorageClass c : classes) {
            if (!policy.allows(c)) {
                continue;
            }
            Option o = new Option(c, expected(warmest, current, residentDays, c, sizeBytes, demand));
            options.add(o);
            if (best == null || o.expected().total() < best.expected().total()) {
                best = o;
            }
        }
        Cost stay = expected(warmest, current, residentDays, current, sizeBytes, demand);
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
        if (held(residentDays, demand) && cheaperToStore(best.storageClass(), current)) {
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
