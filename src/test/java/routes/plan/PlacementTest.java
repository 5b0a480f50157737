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
}
