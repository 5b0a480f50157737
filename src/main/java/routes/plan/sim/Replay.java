package routes.plan.sim;

import java.util.List;

import routes.plan.CostModel;
import routes.plan.PlacementPolicy;
import routes.plan.StorageClass;
import routes.plan.UsageWindow;

/**
 * Replays one dataset's days under one policy, billing exactly as the optimum does: at the start of
 * each day the policy picks a class (a change is a migration, with the early-deletion penalty of the
 * class left), then the day's storage, reads and writes are billed in that class. A read served by a
 * class slower than the SLO is an SLO miss.
 */
public final class Replay {

    /** S3 Intelligent-Tiering's monitoring and automation fee per object-month (also used for Autoclass,
     *  whose fee our notes do not give). */
    static final double MONITORING_PER_OBJECT_MONTH = 0.0025 / 1000;

    private final List<StorageClass> classes;
    private final CostModel costs;
    private final PlacementPolicy policy;

    public Replay(List<StorageClass> classes, CostModel costs, PlacementPolicy policy) {
        this.classes = classes;
        this.costs = costs;
        this.policy = policy;
    }

    public Tally run(DatasetHistory.Days days, ReplayPolicy p) {
        return run(days, p, null);
    }

    /** Runs {@code p}, or the fixed per-day {@code schedule} when one is given (the optimum's). */
    Tally run(DatasetHistory.Days days, ReplayPolicy p, int[] schedule) {
        Tally t = new Tally();
        int k = classes.size();
        int current = schedule != null ? schedule[0] : clamp(p.initial(k), k);
        int resident = 0;
        boolean managed = schedule == null && p.managedBilling();
        UsageWindow w = new UsageWindow();
        for (int d = 0; d < days.length(); d++) {
            if (d > 0) {
                int next = schedule != null ? schedule[d] : clamp(p.decide(current, resident, w.features(d,
                        days.sizeBefore(d))), k);
                if (next != current) {
                    if (!managed) {
                        t.add(costs.migration(classes.get(current), classes.get(next), days.sizeBefore(d), resident));
                    }
                    t.migrations++;
                    current = next;
                    resident = 0;
                }
            }
            StorageClass c = classes.get(current);
            t.add(managed ? managedDayCost(c, days, d) : dayCost(c, days, d));
            if (days.reads()[d] > 0 && !policy.meetsSlo(c)) {
                t.sloMisses += days.reads()[d];
            }
            resident++;
            w.add(days, d);
        }
        return t;
    }

    /** Storage for one day plus the day's reads and writes, all in class {@code c}. */
    routes.plan.Cost dayCost(StorageClass c, DatasetHistory.Days days, int d) {
        return costs.storage(c, days.size()[d], 1).plus(costs.access(c, days.reads()[d], days.readBytes()[d],
                days.writes()[d]));
    }

    /** A day billed as a managed tiering service: storage at the class's rate, requests at the hottest
     *  class's prices, no retrieval fee, the monitoring fee (counted with requests). */
    private routes.plan.Cost managedDayCost(StorageClass c, DatasetHistory.Days days, int d) {
        StorageClass hottest = classes.get(0);
        return costs.storage(c, days.size()[d], 1)
                .plus(new routes.plan.Cost(0, 0, days.reads()[d] * hottest.getPer1k() / 1000
                        + days.writes()[d] * hottest.putPer1k() / 1000
                        + MONITORING_PER_OBJECT_MONTH / CostModel.DAYS_PER_MONTH, 0, 0));
    }

    private static int clamp(int i, int k) {
        return Math.max(0, Math.min(k - 1, i));
    }
}
