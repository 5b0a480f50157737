package routes.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import routes.plan.sim.DatasetHistory;

/** Data that came back after idle spells is expected to use what its returns used, not its first weeks. */
class DemandForecastTest {

    private static final long GIB = 1L << 30;

    /** Written on day 0 (10 GiB), then the reads given as day, reads, bytes; 60 days in all. */
    private static DatasetHistory.Days days(long[]... reads) {
        int len = 60;
        DatasetHistory.Days d = new DatasetHistory.Days(0, new int[len], new long[len], new int[len], new long[len]);
        d.writes()[0] = 1;
        Arrays.fill(d.size(), 10 * GIB);
        for (long[] r : reads) {
            d.reads()[(int) r[0]] = (int) r[1];
            d.readBytes()[(int) r[0]] = r[2];
        }
        return d;
    }

    private static UsageFeatures features(DatasetHistory.Days d) {
        UsageWindow w = new UsageWindow();
        for (int t = 0; t < d.length(); t++) {
            w.add(d, t);
        }
        return w.features(d.length(), d.size()[d.length() - 1]);
    }

    /** A release read 10 times a day (1 GiB each) on days 0-9, then once on day 40 after 30 idle days. */
    private static DatasetHistory.Days fadedWithOneLateRead() {
        long[][] reads = new long[11][];
        for (int t = 0; t < 10; t++) {
            reads[t] = new long[] {t, 10, 10 * GIB};
        }
        reads[10] = new long[] {40, 1, GIB};
        return days(reads);
    }

    @Test
    void theReadsOfTheFirstWeeksAreNotAReturns() {
        UsageFeatures f = features(fadedWithOneLateRead());
        // 101 reads in all, but since it came back (day 40) one read of 1 GiB
        assertThat(f.readsTotal()).isEqualTo(101);
        assertThat(f.returnsAfterIdle()).isEqualTo(1);
        assertThat(f.readsSinceReturn()).isEqualTo(1);
        assertThat(f.readBytesSinceReturn()).isEqualTo(GIB);
        // day 60: 2 months old, idle 19 days (days 41-59): one return in 2 months, and that return's one read
        // in 2 months (the recent rate is 0: no read in the last week, so the fading month counts as 0);
        // the lifetime average would expect 101 / 2 = 50.5 reads a month, 50 of each return
        Demand d = DemandForecast.RECENT_OR_RECURRING.predict(f);
        assertThat(d.returnsPerMonth()).isCloseTo(0.5, within(1e-12));
        assertThat(d.readsPerMonth()).isCloseTo(0.5, within(1e-12));
        assertThat(d.readBytesPerMonth()).isCloseTo(0.5 * GIB, within(1e-3));
        assertThat(d.idleDays()).isEqualTo(19);
    }

    @Test
    void dataFirstReadOnItsFirstReturnIsExpectedAsBefore() {
        // written, idle 19 days, then a 3-day burst of 15 reads of 2 GiB (days 20-22): all its reads are a return's
        UsageFeatures f = features(days(new long[] {20, 15, 30 * GIB}, new long[] {21, 15, 30 * GIB},
                new long[] {22, 15, 30 * GIB}));
        assertThat(f.readsSinceReturn()).isEqualTo(f.readsTotal()).isEqualTo(45);
        Demand d = DemandForecast.RECENT_OR_RECURRING.predict(f);
        assertThat(d.readsPerMonth()).isCloseTo(22.5, within(1e-12));
        assertThat(d.readBytesPerMonth()).isCloseTo(45.0 * GIB, within(1e-3));
        assertThat(d.returnsPerMonth()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void fadedDataWithALateReadLeavesTheSelfTieringClass() {
        // 10 GiB in Intelligent-Tiering for 60 days, 0.5 reads of 1 GiB and 0.5 returns a month. Glacier IR
        // over 90 days: 10 x 0.004 x 3 = $0.12 stored, 1.5 reads served there 1.5 x 0.03 = $0.045, in all
        // $0.165 (cheaper than bringing each return up: $0.30 each). Intelligent-Tiering from 19 idle days,
        // the next access in 60: 11 days at 0.023 and 49 at 0.0125, then 30 at the mean of a 60-day cycle
        // from 0, (30 x 0.023 + 30 x 0.0125) / 60: (0.253 + 0.6125 + 0.5325) / 30 x 10 = $0.466; 65% saved.
        // With the lifetime average (50.5 reads a month) each return would bring 101 reads, Glacier IR
        // would be priced $0.74 and the data would stay
        List<StorageClass> all = PriceCatalog.defaults().withSelfTiering("s3");
        Placement placement = new Placement(new CostModel(0), new Placement.Settings(90, 60, 0.2));
        UsageFeatures f = features(fadedWithOneLateRead());
        assertThat(placement.target(all, all.get(3), 60, f.sizeBytes(), DemandForecast.RECENT_OR_RECURRING.predict(f),
                new PlacementPolicy(null, null)).name()).isEqualTo("s3-glacier-ir");
    }
}
