package routes.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Placement picks the cheapest allowed class over the horizon, and hysteresis holds small or early moves. */
class PlacementTest {

    private static final long GIB = 1L << 30;
    private final List<StorageClass> s3 = PriceCatalog.defaults().classes("s3");
    private final StorageClass standard = s3.get(0);
    private final StorageClass ia = s3.get(1);
    private final StorageClass glacierIr = s3.get(2);

    private Placement placement(double minResidency, double minSaving) {
        return new Placement(new CostModel(0), new Placement.Settings(90, minResidency, minSaving));
    }

    @Test
    void unreadDataGoesToTheCheapestClass() {
        Placement.Decision d = placement(0, 0).decide(s3, standard, 30, 100 * GIB, Demand.NONE, PlacementPolicy.NONE);
        assertThat(d.target()).isEqualTo(glacierIr);
        // stay: 100 x 0.023 x 3 = 6.9; Glacier IR: 100 x 0.004 x 3 + GET + PUT
        assertThat(d.stay().total()).isCloseTo(6.9, within(1e-9));
        assertThat(d.best().total()).isCloseTo(1.2 + 0.0004 / 1000 + 0.02 / 1000, within(1e-9));
    }

    @Test
    void aClassWhoseMinimumOutlastsTheHorizonIsPricedOverItsMinimumAndScaledToTheHorizon() {
        List<StorageClass> gcs = PriceCatalog.defaults().classes("gcs");
        StorageClass coldline = gcs.get(2);
        StorageClass archive = gcs.get(3);
        Placement.Decision d = placement(0, 0).decide(gcs, gcs.get(0), 30, 100 * GIB, Demand.NONE, PlacementPolicy.NONE);
        // Coldline over 90 d: 100 x 0.004 x 3 + Standard's GET + Coldline's PUT = 1.2
        double coldlineCost = 1.2 + 0.0004 / 1000 + 0.02 / 1000;
        // Archive commits to 365 d: 100 x 0.0012 x 365 / 30 = 1.46 + GET + PUT, scaled to 90 of those days
        double archiveCost = (100 * 0.0012 * 365 / 30 + 0.0004 / 1000 + 0.05 / 1000) * 90 / 365;
        assertThat(d.options()).filteredOn(o -> o.storageClass().equals(coldline)).singleElement()
                .satisfies(o -> assertThat(o.expected().total()).isCloseTo(coldlineCost, within(1e-9)));
        assertThat(d.best().total()).isCloseTo(archiveCost, within(1e-9));
        // billing Archive's whole 365 days against 90 of Coldline's (1.46 against 1.2) picked Coldline
        assertThat(d.target()).isEqualTo(archive);
        // staying in Archive is priced over the horizon only: 100 x 0.0012 x 3
        Placement.Decision in = placement(0, 0).decide(gcs, archive, 30, 100 * GIB, Demand.NONE, PlacementPolicy.NONE);
        assertThat(in.stay().total()).isCloseTo(0.36, within(1e-9));
        assertThat(in.target()).isEqualTo(archive);
    }

    @Test
    void busyDataStaysHotBecauseRetrievalFeesOutweighStorage() {
        // 1000 reads of 300 GB a month: Standard 6.9 + 1.2 ct of GETs; IA would pay $9 of retrieval a month
        Demand busy = new Demand(1000, 300.0 * GIB, 0);
        Placement.Decision d = placement(0, 0).decide(s3, standard, 30, 100 * GIB, busy, PlacementPolicy.NONE);
        assertThat(d.target()).isEqualTo(standard);
        assertThat(d.moves()).isFalse();
        assertThat(d.stay().total()).isCloseTo(6.9 + 3000 * 0.0004 / 1000, within(1e-9));
    }

    @Test
    void theLatencySloExcludesSlowClasses() {
        Placement.Decision d = placement(0, 0).decide(s3, standard, 30, 100 * GIB, Demand.NONE,
                new PlacementPolicy(100.0, null));
        assertThat(d.target()).isEqualTo(ia);
        assertThat(d.options()).extracting(Placement.Option::storageClass).containsExactly(standard, ia);
    }

    @Test
    void theMaximumPriceExcludesExpensiveClassesAndForcesAMove() {
        Demand busy = new Demand(1000, 300.0 * GIB, 0);
        Placement.Decision d = placement(30, 0.5).decide(s3, standard, 1, 100 * GIB, busy,
                new PlacementPolicy(null, 0.02));
        // Standard at $0.023 breaks the policy: moved despite residency and saving thresholds
        assertThat(d.target()).isEqualTo(ia);
        assertThat(d.reason()).contains("breaks the policy");
    }

    @Test
    void aDatasetIsHeldUntilItsMinimumResidency() {
        Placement.Decision d = placement(7, 0).decide(s3, standard, 3, 100 * GIB, Demand.NONE, PlacementPolicy.NONE);
        assertThat(d.moves()).isFalse();
        assertThat(d.reason()).contains("held: resident 3 d of a minimum 7 d");
        assertThat(placement(7, 0).decide(s3, standard, 7, 100 * GIB, Demand.NONE, PlacementPolicy.NONE).moves())
                .isTrue();
    }

    @Test
    void aSmallSavingIsNotWorthAMove() {
        // Glacier IR saves (6.9 - 1.2) / 6.9 = 83% of the cost of staying
        assertThat(placement(0, 0.9).decide(s3, standard, 30, 100 * GIB, Demand.NONE, PlacementPolicy.NONE).moves())
                .isFalse();
        assertThat(placement(0, 0.8).decide(s3, standard, 30, 100 * GIB, Demand.NONE, PlacementPolicy.NONE).moves())
                .isTrue();
    }

    @Test
    void aReadOnColdDataBringsItUpOnceTheColdReadsWouldHavePaidForTheMove() {
        // 100 GiB in Glacier IR for 30 days, reads of 10 GiB: each costs 10 x 0.03 + 0.01/1000 there and
        // 0.0004/1000 in Standard; the move costs 100 x 0.03 + 0.01/1000 + 0.005/1000 plus 60 days of
        // Glacier IR's minimum duration, 100 x 0.004 x 2 = 0.8
        double extra = 0.3 + 0.01 / 1000 - 0.0004 / 1000;
        double move = 3 + 0.01 / 1000 + 0.005 / 1000 + 0.8;
        Placement.Promotion p = placement(60, 0.2).promotion(s3, glacierIr, 30, 100 * GIB, 10 * GIB, 0,
                PlacementPolicy.NONE);
        assertThat(p.target()).isEqualTo(standard);
        assertThat(p.afterReads()).isEqualTo((int) Math.ceil(move / extra)).isEqualTo(13);
        // data that came back from idleness before is brought up at its first read, and so is data whose
        // return is expected to bring at least the reads that would pay for the move
        double burst = Double.POSITIVE_INFINITY;
        assertThat(placement(60, 0.2).promotion(s3, glacierIr, 30, 100 * GIB, 10 * GIB, burst, PlacementPolicy.NONE)
                .afterReads()).isEqualTo(1);
        assertThat(placement(60, 0.2).promotion(s3, glacierIr, 30, 100 * GIB, 10 * GIB, 13, PlacementPolicy.NONE)
                .afterReads()).isEqualTo(1);
        assertThat(placement(60, 0.2).promotion(s3, glacierIr, 30, 100 * GIB, 10 * GIB, 12, PlacementPolicy.NONE)
                .afterReads()).isEqualTo(13);
        // already as warm as the policy allows
        assertThat(placement(60, 0.2).promotion(s3, standard, 30, 100 * GIB, 10 * GIB, burst, PlacementPolicy.NONE))
                .isNull();
        assertThat(placement(60, 0.2).promotion(s3, glacierIr, 30, 100 * GIB, 10 * GIB, burst,
                new PlacementPolicy(null, 0.015)).target()).isEqualTo(ia);
    }

    @Test
    void aReturnIsBroughtUpToTheSelfTieringClassWhereThePolicyAllowsIt() {
        List<StorageClass> all = PriceCatalog.defaults().withSelfTiering("s3");
        StorageClass it = all.get(3);
        // Intelligent-Tiering has Standard's GET and PUT prices and no retrieval fee: the 13 reads of 10 GiB
        // that pay for the move to Standard (above) pay for the move there
        assertThat(placement(60, 0.2).promotion(all, glacierIr, 30, 100 * GIB, 10 * GIB, 0, PlacementPolicy.NONE))
                .isEqualTo(new Placement.Promotion(it, 13));
        assertThat(Placement.returnClass(all, PlacementPolicy.NONE)).isEqualTo(it);
        // nothing to gain from Standard once there (the same GET price), nor from Intelligent-Tiering
        assertThat(placement(60, 0.2).promotion(all, standard, 30, 100 * GIB, 10 * GIB, 0, PlacementPolicy.NONE))
                .isNull();
        assertThat(placement(60, 0.2).promotion(all, it, 30, 100 * GIB, 10 * GIB, 0, PlacementPolicy.NONE)).isNull();
        // a 100 ms SLO rules Intelligent-Tiering out (a long-idle object is served at 200 ms): Standard
        PlacementPolicy fast = new PlacementPolicy(100.0, null);
        assertThat(Placement.returnClass(all, fast)).isEqualTo(standard);
        assertThat(placement(60, 0.2).promotion(all, ia, 30, 100 * GIB, 10 * GIB, 0, fast).target())
                .isEqualTo(standard);
        // without a self-tiering class among the classes, the warmest allowed
        assertThat(Placement.returnClass(s3, PlacementPolicy.NONE)).isEqualTo(standard);
        assertThat(Placement.returnClass(s3, new PlacementPolicy(null, 0.015))).isEqualTo(ia);
    }

    @Test
    void recurringDataIdleBetweenReturnsGoesColdAndIsBroughtBackOnEachReturn() {
        // 100 GiB read 30 times a month (10 GiB each) in returns every 60 days, idle now
        Demand recurring = new Demand(30, 300.0 * GIB, 0, 0.5, 0);
        Placement.Decision d = placement(60, 0.1).decide(s3, standard, 3, 100 * GIB, recurring, PlacementPolicy.NONE);
        // over 90 d in IA: 1.5 returns, each one read there (0.1 + 0.001/1000), the move up after 60 days
        // (1 + 0.001/1000 + 0.005/1000), 59 reads in Standard, 7 days held there (100 x 0.0105 x 7/30) and
        // the move back down (0.0004/1000 + 0.01/1000); plus 90 idle days in IA and the move there
        double oneReturn = 0.1 + 0.001 / 1000 + 1 + 0.006 / 1000 + 59 * 0.0004 / 1000 + 0.245 + 0.0104 / 1000;
        double ia90 = 3.75 + 0.0104 / 1000;
        assertThat(d.target()).isEqualTo(ia);
        assertThat(d.best().total()).isCloseTo(ia90 + 1.5 * oneReturn, within(1e-9));
        assertThat(d.reason()).doesNotContain("held");
        // the same reads expected without returns would all be served by IA (9 dollars of retrieval): stay
        Demand spread = new Demand(30, 300.0 * GIB, 0);
        assertThat(placement(60, 0.1).decide(s3, standard, 90, 100 * GIB, spread, PlacementPolicy.NONE).moves())
                .isFalse();
    }

    @Test
    void recurringDataGoesToTheSelfTieringClassWhenItsIdleSpellsPayForItself() {
        List<StorageClass> all = PriceCatalog.defaults().withSelfTiering("s3");
        StorageClass it = all.get(3);
        Demand recurring = new Demand(30, 300.0 * GIB, 0, 0.5, 0);
        Placement.Decision d = placement(60, 0.1).decide(all, standard, 3, 100 * GIB, recurring, PlacementPolicy.NONE);
        // a return every 60 days: 30 days at 0.023 and 30 at 0.0125 per cycle, so 100 GiB for 90 days at
        // 0.01775 is 5.325, plus the monitoring fee, 90 GETs, and a GET and a PUT to move there
        assertThat(d.target()).isEqualTo(it);
        assertThat(d.best().total()).isCloseTo(5.325 + 0.0025 / 1000 * 3 + 90 * 0.0004 / 1000 + 0.0054 / 1000,
                within(1e-9));
        // staying is priced from the idle days the object has counted there: 80 days idle is 10 days at
        // 0.0125 and 80 at 0.004 over the horizon (not 30 days at Standard's price as for a fresh object)
        Demand idle = new Demand(0, 0, 0, 0, 80);
        assertThat(placement(60, 0.1).decide(all, it, 80, 100 * GIB, idle, PlacementPolicy.NONE).stay().total())
                .isCloseTo(100 * (10 * 0.0125 + 80 * 0.004) / 30 + 0.0025 / 1000 * 3, within(1e-9));
        // Glacier IR's 200 ms also reaches a read of a long-idle object here: a 100 ms SLO rules it out
        assertThat(new PlacementPolicy(100.0, null).allows(it)).isFalse();
    }
}
