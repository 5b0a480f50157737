package routes.plan.sim;

import java.util.List;

import routes.plan.CostModel;
import routes.plan.PlacementPolicy;
import routes.plan.StorageClass;
import routes.plan.UsageFeatures;
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
            UsageFeatures past = schedule == null ? w.features(d, days.sizeBefore(d)) : null;
            if (d > 0) {
                int next = schedule != null ? schedule[d] : clamp(p.decide(current, resident, past), k);
                if (next != current) {
                    migrate(t, current, next, days.sizeBefore(d), resident, managed);
                    current = next;
                    resident = 0;
                }
            }
            int reads = days.reads()[d];
            ReplayPolicy.Promotion up = past == null || reads == 0 ? null
                    : p.onAccess(current, resident, past, days.readBytes()[d] / reads);
            if (up != null && clamp(up.target(), k) != current && up.afterReads() < reads) {
                // the first reads are served where the dataset is, the rest of the day where it moved
                int served = up.afterReads();
                long servedBytes = days.readBytes()[d] * served / reads;
                StorageClass from = classes.get(current);
                t.add(bill(from, 0, 0, served, servedBytes, 0, managed));
                misses(t, from, served);
                migrate(t, current, clamp(up.target(), k), days.sizeBefore(d), resident, managed);
                current = clamp(up.target(), k);
                resident = 0;
                StorageClass c = classes.get(current);
                t.add(bill(c, days.size()[d], 1, reads - served, days.readBytes()[d] - servedBytes, days.writes()[d],
                        managed));
                misses(t, c, reads - served);
            } else {
                StorageClass c = classes.get(current);
                t.add(bill(c, days.size()[d], 1, reads, days.readBytes()[d], days.writes()[d], managed));
                misses(t, c, reads);
            }
            resident++;
            w.add(days, d);
        }
        return t;
    }

    private void migrate(Tally t, int from, int to, long sizeBytes, int resident, boolean managed) {
        if (!managed) {
            t.add(costs.migration(classes.get(from), classes.get(to), sizeBytes, resident));
        }
        t.migrations++;
    }

    private void misses(Tally t, StorageClass c, int reads) {
        if (reads > 0 && !policy.meetsSlo(c)) {
            t.sloMisses += reads;
        }
    }

    /** Storage for one day plus the day's reads and writes, all in class {@code c}. */
    routes.plan.Cost dayCost(StorageClass c, DatasetHistory.Days days, int d) {
        return bill(c, days.size()[d], 1, days.reads()[d], days.readBytes()[d], days.writes()[d], false);
    }

    /** {@code storedDays} (1 or 0) of storing {@code storedBytes}, and the given reads and writes, served by {@code c};
     *  billed as a managed tiering service when {@code managed}: storage at the class's rate, requests at
     *  the hottest class's prices, no retrieval fee, the monitoring fee (counted with requests). */
    private routes.plan.Cost bill(StorageClass c, long storedBytes, int storedDays, int reads, long readBytes,
                                  int writes, boolean managed) {
        routes.plan.Cost stored = costs.storage(c, storedBytes, storedDays);
        if (!managed) {
            return stored.plus(costs.access(c, reads, readBytes, writes));
        }
        StorageClass hottest = classes.get(0);
        double monitoring = storedDays * MONITORING_PER_OBJECT_MONTH / CostModel.DAYS_PER_MONTH;
        return stored.plus(new routes.plan.Cost(0, 0, reads * hottest.getPer1k() / 1000
                + writes * hottest.putPer1k() / 1000 + monitoring, 0, 0));
    }

    private static int clamp(int i, int k) {
        return Math.max(0, Math.min(k - 1, i));
    }
}
