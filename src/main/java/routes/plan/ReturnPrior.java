package routes.plan;

import java.util.Collection;
import java.util.function.ToLongFunction;

import routes.plan.sim.DatasetHistory;

/**
 * How likely idle data that has never been read is to be read again, learned by counting across
 * datasets. Such data cannot tell from its own past whether it is an archive (never read again) or data
 * whose first burst has not come yet (an audit); the population's past can. Counted per idle-day bucket:
 * dataset-days at risk and first reads on them (a piecewise-constant daily hazard, the survival
 * statistician's empirical rate), and per return the reads of its first week and the share of the
 * dataset each reads. Only never-read data is counted: data that has been read has its own reads to go
 * on (their fade), and pricing its sparse tail reads as returns moved fading data down early and
 * straight back up (decaying data 1.37 -> 1.41 of the optimum, see bench/DECISIONS.md); data that has
 * come back before has its own rate of returns ({@link DemandForecast#RECENT_OR_RECURRING}).
 * <p>
 * Counts are kept per calendar day, cumulative, so the estimate for day d uses only what happened
 * before d (the replay asks day by day; the service asks for today). Memory is a few counters per
 * bucket and day, whatever the number of events.
 */
public final class ReturnPrior {

    /** Lower bounds of the idle-day buckets, about x1.5 apart: the hazard changes fast in the first
     *  weeks (a monthly report's gap) and slowly after months. Never-read data counts as idle from two
     *  whole days without access (the first bucket), not from the week that makes data that was read
     *  idle: what it does then is counted, so write-once data goes down five days sooner where such data
     *  is not read, and data read in its first week is expected to be. */
    static final int[] BUCKETS = {2, 3, 5, 7, 10, 14, 21, 30, 45, 60, 90, 135, 180, 270, 365};
    private static final int B = BUCKETS.length;

    private final long firstDay;
    private final int days;
    // cumulative over the days before index d (d = 0 .. days): [d][bucket], and [d]
    private final long[] atRisk;
    private final long[] returned;
    private final long[] returns;
    private final long[] returnReads;
    private final long[] reads;
    private final double[] readShare;

    private ReturnPrior(long firstDay, int days) {
        this.firstDay = firstDay;
        this.days = days;
        atRisk = new long[(days + 1) * B];
        returned = new long[(days + 1) * B];
        returns = new long[days + 1];
        returnReads = new long[days + 1];
        reads = new long[days + 1];
        readShare = new double[days + 1];
    }

    /** Counts every day of every history (each from its first day to its last). */
    public static ReturnPrior of(Collection<DatasetHistory.Days> histories) {
        long first = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (DatasetHistory.Days h : histories) {
            first = Math.min(first, h.firstDay());
            end = Math.max(end, h.firstDay() + h.length());
        }
        ReturnPrior p = new ReturnPrior(histories.isEmpty() ? 0 : first, histories.isEmpty() ? 0 : (int) (end - first));
        histories.forEach(p::count);
        p.accumulate();
        return p;
    }

    /** One dataset's days; what happens on day t is recorded at index t + 1 (known from the next day on). */
    private void count(DatasetHistory.Days h) {
        UsageWindow w = new UsageWindow();
        int open = -1; // the day a return started, while its first week is being counted
        long openReads = 0;
        for (int t = 0; t < h.length(); t++) {
            int at = (int) (h.firstDay() + t - firstDay) + 1;
            int r = h.reads()[t];
            UsageFeatures f = w.features(t, h.sizeBefore(t));
            if (idleNeverRead(f)) {
                int i = at * B + bucket(f.daysSinceLastAccess());
                atRisk[i]++;
                if (r > 0) {
                    returned[i]++;
                    open = t;
                    openReads = 0;
                }
            }
            if (open >= 0 && r > 0) {
                openReads += r;
                reads[at] += r;
                readShare[at] += h.readBytes()[t] / (double) Math.max(1, h.size()[t]);
            }
            // a return's reads are those of its first week, which placement prices warm
            if (open >= 0 && t - open == DemandForecast.IDLE_DAYS - 1) {
                returns[at]++;
                returnReads[at] += openReads;
                open = -1;
            }
            w.add(h, t);
        }
    }

    private void accumulate() {
        for (int d = 1; d <= days; d++) {
            for (int b = 0; b < B; b++) {
                atRisk[d * B + b] += atRisk[(d - 1) * B + b];
                returned[d * B + b] += returned[(d - 1) * B + b];
            }
            returns[d] += returns[d - 1];
            returnReads[d] += returnReads[d - 1];
            reads[d] += reads[d - 1];
            readShare[d] += readShare[d - 1];
        }
    }

    /** Idle long enough to count as idle (the first bucket's days), and never read (only written). */
    static boolean idleNeverRead(UsageFeatures f) {
        return f.readsTotal() == 0 && f.daysSinceLastAccess() >= BUCKETS[0];
    }

    static int bucket(double idleDays) {
        int b = 0;
        while (b + 1 < B && idleDays >= BUCKETS[b + 1]) {
            b++;
        }
        return b;
    }

    /** The index of what was known at the start of {@code epochDay}. */
    private int index(long epochDay) {
        return (int) Math.max(0, Math.min(days, epochDay - firstDay));
    }

    /**
     * The daily chance of a read for never-read data idle in bucket {@code b}: reads over days at
     * risk, with half a read and one day added (Jeffreys' prior), so a bucket with little evidence is
     * not taken to mean data never returns, and evidence decides once days at risk accumulate. A bucket
     * nobody has reached yet takes the nearest shorter one's rate (returns grow rarer with idleness).
     */
    double hazard(int b, long epochDay) {
        int base = index(epochDay) * B;
        while (b > 0 && atRisk[base + b] == 0) {
            b--;
        }
        return (returned[base + b] + 0.5) / (atRisk[base + b] + 1.0);
    }

    /** The chance that never-read data idle for {@code idleDays} is read within {@code horizonDays}. */
    public double returnWithin(double idleDays, double horizonDays, long epochDay) {
        double from = Math.floor(idleDays);
        double to = from + horizonDays;
        double logSurvive = 0;
        for (int b = bucket(from); b < B && BUCKETS[b] < to; b++) {
            double lo = Math.max(from, BUCKETS[b]);
            double hi = b + 1 < B ? Math.min(to, BUCKETS[b + 1]) : to;
            logSurvive += (hi - lo) * Math.log1p(-hazard(b, epochDay));
        }
        return 1 - Math.exp(logSurvive);
    }

    /** Reads in a return's first week, on average; before any return was seen, a read a day of that
     *  week (enough that placement prices a return as brought up rather than served cold throughout). */
    public double readsPerReturn(long epochDay) {
        int i = index(epochDay);
        return returns[i] == 0 ? DemandForecast.IDLE_DAYS : Math.max(1, returnReads[i] / (double) returns[i]);
    }

    /** The share of a dataset one read of a return reads, on average (all of it when none was seen). */
    public double readShare(long epochDay) {
        int i = index(epochDay);
        return reads[i] == 0 ? 1 : readShare[i] / reads[i];
    }

    /**
     * {@code base}, except for idle data never read: expected to be read with the population's chance
     * over the horizon, each such return with the population's reads, of its share of this dataset, so
     * placement prices a return served cold once, then brought up (see {@link Placement}).
     * {@code day} says which day a decision is on (the replay's day, or today).
     */
    public DemandForecast forecast(DemandForecast base, double horizonDays, ToLongFunction<UsageFeatures> day) {
        return f -> {
            Demand own = base.predict(f);
            if (!idleNeverRead(f)) {
                return own;
            }
            long d = day.applyAsLong(f);
            double returnsPerMonth = returnWithin(f.daysSinceLastAccess(), horizonDays, d)
                    * CostModel.DAYS_PER_MONTH / horizonDays;
            double readsPerMonth = returnsPerMonth * readsPerReturn(d);
            return new Demand(Math.max(own.readsPerMonth(), readsPerMonth),
                    Math.max(own.readBytesPerMonth(), readsPerMonth * readShare(d) * f.sizeBytes()),
                    own.writesPerMonth(), returnsPerMonth, f.daysSinceLastAccess());
        };
    }
}
