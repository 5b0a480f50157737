package routes.plan.sim;

import java.util.List;

import routes.plan.Placement;
import routes.plan.PlacementPolicy;
import routes.plan.StorageClass;
import routes.plan.UsageFeatures;

/**
 * A placement policy as the replay runs it: at the start of each simulated day it sees the dataset's
 * past (never its future) and names the class it wants, by index into the provider's classes
 * (0 = hottest). Policies are stateless between datasets: one instance replays them all.
 */
public interface ReplayPolicy {

    String name();

    String description();

    /** The policy for one dataset's days: itself, unless it knows something by calendar day (a population
     *  prior is as of the decision's day, and the features count days from the dataset's first). */
    default ReplayPolicy forDataset(DatasetHistory.Days days) {
        return this;
    }

    /** The class a new dataset is written to. */
    int initial(int classes);

    /** The class for today, given yesterday's class, the days spent in it, and the dataset's past. */
    int decide(int current, int residentDays, UsageFeatures past);

    /**
     * Reads reached the dataset today while it is in {@code current}: the class to move it to, and
     * after how many reads served where it is; null to stay. The service reacts at its next window
     * close, minutes after the first read, so at least one read is always served before a move.
     */
    default Promotion onAccess(int current, int residentDays, UsageFeatures past, long bytesPerRead) {
        return null;
    }

    /** Move to class {@code target} once {@code afterReads} reads were served where the dataset is. */
    record Promotion(int target, int afterReads) {
        public Promotion {
            afterReads = Math.max(1, afterReads);
        }

        /** What the service's placement does on a read (see {@link Placement#promotion}), as class indexes;
         *  {@code readsPerReturn}: what a return of data that has not come back before brings (0: unknown). */
        static Promotion by(Placement placement, List<StorageClass> classes, PlacementPolicy policy, int current,
                            int residentDays, UsageFeatures past, long bytesPerRead, double readsPerReturn) {
            double expected = past.returnsAfterIdle() >= 1 ? Double.POSITIVE_INFINITY : readsPerReturn;
            Placement.Promotion p = placement.promotion(classes, classes.get(current), residentDays, past.sizeBytes(),
                    bytesPerRead, expected, policy);
            return p == null ? null : new Promotion(classes.indexOf(p.target()), p.afterReads());
        }
    }
}
