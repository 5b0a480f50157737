package routes.plan.sim;

import java.util.List;

import routes.plan.Cost;
import routes.plan.CostModel;
import routes.plan.PlacementPolicy;
import routes.plan.StorageClass;
import routes.plan.UsageFeatures;
import routes.plan.UsageWindow;

/**
 * Replays one dataset's days under one policy, billing exactly as the optimum does: at the start of
 * each day the policy picks a class (a change is a migration, with the early-deletion penalty of the
 * class left), then the day's storage, reads and writes are billed in that class. On a day with reads
 * the policy may also move the dataset once some reads were served (the service reacts at its next
 * window close). A self-tiering class bills each day at the price of how long the dataset has gone
 * without access in it. A read served slower than the SLO is an SLO miss.
 */
public final class Replay {

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
    Tally run(DatasetHistory.Days days, ReplayPolicy policy, int[] schedule) {
        ReplayPolicy p = policy.forDataset(days);
        Tally t = new Tally();
        int k = classes.size();
        int current = schedule != null ? schedule[0] : clamp(p.initial(k), k);
        int resident = 0;
        int idle = 0; // days without access in a self-tiering class
        UsageWindow w = new UsageWindow();
        for (int d = 0; d < days.length(); d++) {
            UsageFeatures past = schedule == null ? w.features(d, days.sizeBefore(d)) : null;
            if (d > 0) {
                int next = schedule != null ? schedule[d] : clamp(p.decide(current, resident, past), k);
                if (next != current) {
                    migrate(t, current, next, days.sizeBefore(d), resident);
                    current = next;
                    resident = 0;
                    idle = 0;
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
                t.add(costs.access(from, served, servedBytes, 0));
                misses(t, from, served, idle);
                migrate(t, current, clamp(up.target(), k), days.sizeBefore(d), resident);
                current = clamp(up.target(), k);
                resident = 0;
                StorageClass c = classes.get(current);
                t.add(stored(c, days.size()[d], 0).plus(costs.access(c, reads - served,
                        days.readBytes()[d] - servedBytes, days.writes()[d])));
                misses(t, c, reads - served, 0);
                idle = 0;
            } else {
                StorageClass c = classes.get(current);
                t.add(dayCost(c, days, d, idle));
                misses(t, c, reads, idle);
                idle = nextIdle(c, days, d, idle);
            }
            resident++;
            w.add(days, d);
        }
        return t;
    }

    private void migrate(Tally t, int from, int to, long sizeBytes, int resident) {
        t.add(costs.migration(classes.get(from), classes.get(to), sizeBytes, resident));
        t.migrations++;
    }

    /** Reads served by {@code c} after {@code idle} days without access: in a self-tiering class only the
     *  first is served at the idle object's latency, the access brings it back to the class's own. */
    private void misses(Tally t, StorageClass c, int reads, int idle) {
        if (reads == 0) {
            return;
        }
        if (!c.selfTiering()) {
            t.sloMisses += policy.meetsSlo(c) ? 0 : reads;
            return;
        }
        t.sloMisses += (meets(c.auto().firstByteMs(c, idle)) ? 0 : 1) + (meets(c.firstByteMs()) ? 0 : reads - 1);
    }

    private boolean meets(double firstByteMs) {
        return policy.latencySloMs() == null || firstByteMs <= policy.latencySloMs();
    }

    /** Whether every read of day {@code d} in {@code c} after {@code idle} idle days meets the SLO. */
    boolean meetsSlo(StorageClass c, DatasetHistory.Days days, int d, int idle) {
        if (days.reads()[d] == 0) {
            return true;
        }
        return c.selfTiering() ? meets(c.auto().firstByteMs(c, idle)) && meets(c.firstByteMs()) : policy.meetsSlo(c);
    }

    /** Storage for day {@code d} plus its reads and writes, all in class {@code c}, which the dataset has
     *  gone {@code idle} days without accessing (self-tiering classes price by that). */
    Cost dayCost(StorageClass c, DatasetHistory.Days days, int d, int idle) {
        boolean accessed = days.reads()[d] > 0 || days.writes()[d] > 0;
        return stored(c, days.size()[d], accessed ? 0 : idle)
                .plus(costs.access(c, days.reads()[d], days.readBytes()[d], days.writes()[d]));
    }

    /** The idle days a self-tiering class counts at the start of the day after {@code d}. */
    static int nextIdle(StorageClass c, DatasetHistory.Days days, int d, int idle) {
        if (!c.selfTiering() || days.reads()[d] > 0 || days.writes()[d] > 0) {
            return 0;
        }
        return Math.min(idle + 1, c.auto().lastStepDays());
    }

    private Cost stored(StorageClass c, long sizeBytes, int idle) {
        return c.selfTiering() ? costs.selfTieringDay(c, sizeBytes, idle) : costs.storage(c, sizeBytes, 1);
    }

    private static int clamp(int i, int k) {
        return Math.max(0, Math.min(k - 1, i));
    }
}
