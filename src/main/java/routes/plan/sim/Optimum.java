package routes.plan.sim;

import java.util.Arrays;
import java.util.List;

import routes.plan.AutoTiering;
import routes.plan.CostModel;
import routes.plan.PlacementPolicy;
import routes.plan.StorageClass;

/**
 * The clairvoyant optimum of one dataset: dynamic programming over its known future with the replay's
 * costs. The state is (class, days resident in it), the residency capped at the class's minimum
 * storage duration because beyond it the early-deletion penalty no longer changes; in a self-tiering
 * class it is the days without access it has counted, capped at its last step. A class the policy
 * prices out is never used, and a class is never used on a day when it would serve a read slower than
 * the SLO, so the optimum has no SLO misses. Time O(days x states), states = sum of the classes' minimum
 * durations and the self-tiering class's last step.
 */
public final class Optimum implements ReplayPolicy {

    private final List<StorageClass> classes;
    private final CostModel costs;
    private final PlacementPolicy policy;
    private final Replay replay;

    public Optimum(List<StorageClass> classes, CostModel costs, PlacementPolicy policy) {
        this.classes = classes;
        this.costs = costs;
        this.policy = policy;
        this.replay = new Replay(classes, costs, policy);
    }

    public String name() {
        return "optimum";
    }

    public String description() {
        return "clairvoyant: the cheapest schedule for the known future (dynamic programming), no SLO misses";
    }

    public int initial(int n) {
        throw new UnsupportedOperationException("the optimum is a schedule, not an online policy");
    }

    public int decide(int current, int residentDays, routes.plan.UsageFeatures past) {
        throw new UnsupportedOperationException("the optimum is a schedule, not an online policy");
    }

    /** The optimal schedule billed by the replay (so its split and counts are the replay's), and the
     *  DP's own total, which must agree with it. */
    public record Result(Tally tally, double dpTotal, int[] schedule) {
    }

    public Result solve(DatasetHistory.Days days) {
        int k = classes.size();
        int[] cap = new int[k];
        int[] offset = new int[k + 1];
        for (int c = 0; c < k; c++) {
            StorageClass sc = classes.get(c);
            // a self-tiering class's state is the idle days it counts, a plain class's the days resident
            cap[c] = sc.selfTiering() ? sc.auto().lastStepDays() + 1 : Math.max(1, sc.minStorageDays());
            offset[c + 1] = offset[c] + cap[c];
        }
        int states = offset[k];
        int len = days.length();
        double[] v = new double[states];
        double[] nv = new double[states];
        int[][] from = new int[len][states];
        Arrays.fill(v, Double.POSITIVE_INFINITY);
        for (int c = 0; c < k; c++) {
            v[entered(c, offset, days, 0)] = dayCost(c, days, 0, 0);
        }
        double[] leave = new double[k];
        int[] leaveFrom = new int[k];
        for (int d = 1; d < len; d++) {
            Arrays.fill(nv, Double.POSITIVE_INFINITY);
            long size = days.sizeBefore(d);
            // the cheapest way to leave each class today, penalty included
            for (int c = 0; c < k; c++) {
                leave[c] = Double.POSITIVE_INFINITY;
                boolean self = classes.get(c).selfTiering();
                for (int r = 1; r <= cap[c]; r++) {
                    double x = v[offset[c] + r - 1];
                    if (x < Double.POSITIVE_INFINITY) {
                        x += self ? 0 : costs.earlyDeletion(classes.get(c), size, r);
                        if (x < leave[c]) {
                            leave[c] = x;
                            leaveFrom[c] = offset[c] + r - 1;
                        }
                    }
                }
            }
            for (int c = 0; c < k; c++) {
                boolean self = classes.get(c).selfTiering();
                double enter = dayCost(c, days, d, 0);
                double[] byStep = self ? stepCosts(c, days, d) : null;
                for (int r = 1; r <= cap[c]; r++) {
                    double x = v[offset[c] + r - 1];
                    if (x == Double.POSITIVE_INFINITY) {
                        continue;
                    }
                    // staying: a plain class counts one more day resident, a self-tiering one its idle days
                    int idle = r - 1;
                    double today = self ? byStep[stepOf(classes.get(c), idle)] : enter;
                    if (today == Double.POSITIVE_INFINITY) {
                        continue;
                    }
                    int s = self ? offset[c] + Replay.nextIdle(classes.get(c), days, d, idle)
                            : offset[c] + Math.min(r + 1, cap[c]) - 1;
                    if (x + today < nv[s]) {
                        nv[s] = x + today;
                        from[d][s] = offset[c] + r - 1;
                    }
                }
                if (enter == Double.POSITIVE_INFINITY) {
                    continue;
                }
                int s = entered(c, offset, days, d);
                for (int o = 0; o < k; o++) {
                    if (o != c && leave[o] < Double.POSITIVE_INFINITY) {
                        double x = leave[o] + costs.migration(classes.get(o), classes.get(c), size, 0).migration()
                                + enter;
                        if (x < nv[s]) {
                            nv[s] = x;
                            from[d][s] = leaveFrom[o];
                        }
                    }
                }
            }
            double[] t = v;
            v = nv;
            nv = t;
        }
        int best = 0;
        for (int s = 1; s < states; s++) {
            if (v[s] < v[best]) {
                best = s;
            }
        }
        int[] schedule = new int[len];
        int s = best;
        for (int d = len - 1; d >= 0; d--) {
            schedule[d] = classOf(s, offset);
            s = from[d][s];
        }
        return new Result(replay.run(days, this, schedule), v[best], schedule);
    }

    /** Day {@code d} in self-tiering class {@code c} at each of its steps (the price only changes there). */
    private double[] stepCosts(int c, DatasetHistory.Days days, int d) {
        List<AutoTiering.Step> steps = classes.get(c).auto().steps();
        double[] out = new double[steps.size() + 1];
        out[0] = dayCost(c, days, d, 0);
        for (int i = 0; i < steps.size(); i++) {
            out[i + 1] = dayCost(c, days, d, steps.get(i).afterIdleDays());
        }
        return out;
    }

    private static int stepOf(StorageClass c, int idle) {
        int step = 0;
        for (AutoTiering.Step s : c.auto().steps()) {
            if (idle >= s.afterIdleDays()) {
                step++;
            }
        }
        return step;
    }

    /** The state after day {@code d} of a dataset that entered class {@code c} that day. */
    private int entered(int c, int[] offset, DatasetHistory.Days days, int d) {
        StorageClass sc = classes.get(c);
        return offset[c] + (sc.selfTiering() ? Replay.nextIdle(sc, days, d, 0) : 0);
    }

    /** Day {@code d} in class {@code c} (self-tiering: after {@code idle} days without access), or infinite
     *  when the policy rules the class out or a read would be served slower than the SLO. */
    private double dayCost(int c, DatasetHistory.Days days, int d, int idle) {
        StorageClass sc = classes.get(c);
        if (!withinPrice(sc) || policy.forbiddenClasses().contains(sc.name()) || !replay.meetsSlo(sc, days, d, idle)) {
            return Double.POSITIVE_INFINITY;
        }
        return replay.dayCost(sc, days, d, idle).total();
    }

    private boolean withinPrice(StorageClass c) {
        return policy.maxCostPerGbMonth() == null || c.storagePerGbMonth() <= policy.maxCostPerGbMonth();
    }

    private static int classOf(int state, int[] offset) {
        int c = 0;
        while (state >= offset[c + 1]) {
            c++;
        }
        return c;
    }
}
