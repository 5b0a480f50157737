package routes.plan.sim;

import routes.plan.UsageFeatures;

/**
 * A placement policy as the replay runs it: at the start of each simulated day it sees the dataset's
 * past (never its future) and names the class it wants, by index into the provider's classes
 * (0 = hottest). Policies are stateless between datasets: one instance replays them all.
 */
public interface ReplayPolicy {

    String name();

    String description();

    /** The class a new dataset is written to. */
    int initial(int classes);

    /**
     * Billed as a managed tiering service (S3 Intelligent-Tiering, GCS Autoclass) rather than at the
     * classes' list prices: no retrieval, transition or early-deletion fees, requests at the hottest
     * class's prices, plus a per-object monitoring fee. Such a policy is not under the optimum's costs,
     * so it may beat it.
     */
    default boolean managedBilling() {
        return false;
    }

    /** The class for today, given yesterday's class, the days spent in it, and the dataset's past. */
    int decide(int current, int residentDays, UsageFeatures past);
}
