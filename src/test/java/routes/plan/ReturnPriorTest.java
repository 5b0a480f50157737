package routes.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import routes.plan.sim.DatasetHistory;

/** The population prior: counts by hand, nothing from the future, and what it changes in placement. */
class ReturnPriorTest {

    private static final long FIRST = 100;
    private static final long GIB = 1L << 30;

    /** Written on day 0 ({@code size} bytes), then idle for {@code len} days but for the reads given as
     *  day, reads, bytes. */
    private static DatasetHistory.Days written(int len, long size, long[]... reads) {
        DatasetHistory.Days d = new DatasetHistory.Days(FIRST, new int[len], new long[len], new int[len], new long[len]);
        d.writes()[0] = 1;
        Arrays.fill(d.size(), size);
        for (long[] r : reads) {
            d.reads()[(int) r[0]] = (int) r[1];
            d.readBytes()[(int) r[0]] = r[2];
        }
        return d;
    }

    /** Ten datasets written on day 0; three of them are read on day 30 (5 reads) and day 32 (3 reads),
     *  each read a fifth of the dataset. */
    private static List<DatasetHistory.Days> tenOfWhichThreeReturn(int len, int readDay) {
        List<DatasetHistory.Days> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(i < 3 ? written(len, 1000, new long[] {readDay, 5, 1000}, new long[] {readDay + 2, 3, 600})
                    : written(len, 1000));
        }
        return all;
    }

    @Test
    void theRatesAreCountedByHand() {
        ReturnPrior p = ReturnPrior.of(tenOfWhichThreeReturn(60, 30));
        long end = FIRST + 60;
        // idle 21-29 days (days 22-30): 10 datasets x 9 days at risk, 3 read on the last of them
        assertThat(p.hazard(ReturnPrior.bucket(21), end)).isCloseTo(3.5 / 91, within(1e-12));
        // idle 30-44 (days 31-45) and 45-59 (days 46-59): only the 7 never read are at risk, none read
        assertThat(p.hazard(ReturnPrior.bucket(30), end)).isCloseTo(0.5 / 106, within(1e-12));
        assertThat(p.hazard(ReturnPrior.bucket(45), end)).isCloseTo(0.5 / 99, within(1e-12));
        assertThat(p.returnWithin(21, 9, end)).isCloseTo(1 - Math.pow(1 - 3.5 / 91, 9), within(1e-12));
        assertThat(p.returnWithin(30, 30, end)).isCloseTo(
                1 - Math.pow(1 - 0.5 / 106, 15) * Math.pow(1 - 0.5 / 99, 15), within(1e-12));
        // a bucket nobody has reached yet (idle 60+) takes the rate of the one before
        assertThat(p.hazard(ReturnPrior.bucket(90), end)).isEqualTo(p.hazard(ReturnPrior.bucket(45), end));
        // each return: 8 reads in its first week, each a fifth of the dataset
        assertThat(p.readsPerReturn(end)).isEqualTo(8);
        assertThat(p.readShare(end)).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void neverReadDataCountsAsIdleFromTwoDaysWithoutAccess() {
        // ten datasets written on day 0; three are read on day 4 (5 reads) and day 6 (3 reads). On day t a
        // dataset written on day 0 has gone t - 1 whole days without access
        ReturnPrior p = ReturnPrior.of(tenOfWhichThreeReturn(60, 4));
        long end = FIRST + 60;
        // idle 2 (day 3): 10 at risk, none read; idle 3-4 (days 4, 5): 10 + 7 at risk, 3 read on day 4
        assertThat(p.hazard(ReturnPrior.bucket(2), end)).isCloseTo(0.5 / 11, within(1e-12));
        assertThat(p.hazard(ReturnPrior.bucket(3), end)).isCloseTo(3.5 / 18, within(1e-12));
        assertThat(p.returnWithin(2, 3, end)).isCloseTo(1 - (1 - 0.5 / 11) * Math.pow(1 - 3.5 / 18, 2),
                within(1e-12));
        // the population's forecast applies from two idle days on; a day after the write, its own
        DemandForecast f = p.forecast(DemandForecast.RECENT_OR_RECURRING, 90, u -> end);
        UsageFeatures oneDay = features(written(2, 10 * GIB));
        UsageFeatures twoDays = features(written(3, 10 * GIB));
        assertThat(oneDay.daysSinceLastAccess()).isEqualTo(1);
        assertThat(f.predict(oneDay)).isEqualTo(DemandForecast.RECENT_OR_RECURRING.predict(oneDay));
        assertThat(f.predict(twoDays).returnsPerMonth()).isCloseTo(p.returnWithin(2, 90, end) * 30 / 90,
                within(1e-12));
    }

    @Test
    void theForecastForNeverReadIdleDataIsThePopulationsReturnsAndReads() {
        ReturnPrior p = ReturnPrior.of(tenOfWhichThreeReturn(60, 30));
        long end = FIRST + 60;
        DemandForecast f = p.forecast(DemandForecast.RECENT_OR_RECURRING, 90, u -> end);
        UsageFeatures idle = features(written(60, 10 * GIB));
        Demand d = f.predict(idle);
        double returns = p.returnWithin(idle.daysSinceLastAccess(), 90, end) * 30 / 90;
        assertThat(d.returnsPerMonth()).isCloseTo(returns, within(1e-12));
        assertThat(d.readsPerMonth()).isCloseTo(returns * 8, within(1e-12));
        assertThat(d.readBytesPerMonth()).isCloseTo(returns * 8 * 0.2 * 10 * GIB, within(1e-3));
        // data that has been read goes by its own reads
        UsageFeatures read = features(written(60, 10 * GIB, new long[] {10, 1, GIB}));
        assertThat(f.predict(read)).isEqualTo(DemandForecast.RECENT_OR_RECURRING.predict(read));
    }

    @Test
    void theEstimateForADayUsesOnlyTheDaysBeforeIt() {
        ReturnPrior early = ReturnPrior.of(tenOfWhichThreeReturn(60, 30));
        ReturnPrior late = ReturnPrior.of(tenOfWhichThreeReturn(60, 40));
        List<DatasetHistory.Days> idle = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            idle.add(written(60, 1000));
        }
        ReturnPrior never = ReturnPrior.of(idle);
        // on day 30 the reads of day 30 are not known yet, whenever they come
        for (ReturnPrior p : List.of(late, never)) {
            assertThat(p.returnWithin(21, 90, FIRST + 30)).isEqualTo(early.returnWithin(21, 90, FIRST + 30));
            assertThat(p.readsPerReturn(FIRST + 30)).isEqualTo(early.readsPerReturn(FIRST + 30));
        }
        // from day 31 on they are
        assertThat(early.returnWithin(21, 90, FIRST + 31)).isGreaterThan(never.returnWithin(21, 90, FIRST + 31));
        // and a return's reads count once its first week is over
        assertThat(early.readsPerReturn(FIRST + 36)).isEqualTo(DemandForecast.IDLE_DAYS);
        assertThat(early.readsPerReturn(FIRST + 37)).isEqualTo(8);
    }

    @Test
    void idleDataIsKeptOutOfGlacierIrWhereSuchDataComesBackAndSentThereWhereItDoesNot() {
        // 40 datasets written on day 0; where data comes back, each is read 20 times a day for 3 days, one
        // starting on each of days 8-47 (a quarter of the dataset a read); elsewhere none is ever read
        List<DatasetHistory.Days> returning = new ArrayList<>();
        List<DatasetHistory.Days> never = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long[][] burst = new long[3][];
            for (int j = 0; j < 3; j++) {
                burst[j] = new long[] {8 + i + j, 20, 5 * 10 * GIB};
            }
            returning.add(written(120, 10 * GIB, burst));
            never.add(written(120, 10 * GIB));
        }
        // 10 GiB written 40 days ago, never read, in Standard for those 40 days
        UsageFeatures idle = features(written(40, 10 * GIB));
        long today = FIRST + 120;
        List<StorageClass> s3 = PriceCatalog.defaults().classes("s3");
        Placement placement = new Placement(new CostModel(0), new Placement.Settings(90, 60, 0.2));
        StorageClass glacierIr = s3.get(2);
        StorageClass whereReturns = placement.target(s3, s3.get(0), 40, 10 * GIB,
                ReturnPrior.of(returning).forecast(DemandForecast.RECENT_OR_RECURRING, 90, f -> today).predict(idle),
                PlacementPolicy.NONE);
        StorageClass whereNot = placement.target(s3, s3.get(0), 40, 10 * GIB,
                ReturnPrior.of(never).forecast(DemandForecast.RECENT_OR_RECURRING, 90, f -> today).predict(idle),
                PlacementPolicy.NONE);
        assertThat(whereReturns).isNotEqualTo(glacierIr);
        assertThat(whereNot).isEqualTo(glacierIr);
        // without the prior, the minimum residency (60 days) holds it where it is
        assertThat(placement.target(s3, s3.get(0), 40, 10 * GIB, DemandForecast.RECENT_OR_RECURRING.predict(idle),
                PlacementPolicy.NONE)).isEqualTo(s3.get(0));
    }

    private static UsageFeatures features(DatasetHistory.Days d) {
        UsageWindow w = new UsageWindow();
        for (int t = 0; t < d.length(); t++) {
            w.add(d, t);
        }
        return w.features(d.length(), d.size()[d.length() - 1]);
    }
}
