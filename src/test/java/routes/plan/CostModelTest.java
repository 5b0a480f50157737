package routes.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Costs computed by hand from the default list prices (GB = 2^30 bytes, month = 30 days). */
class CostModelTest {

    private static final long GIB = 1L << 30;
    private final PriceCatalog catalog = PriceCatalog.defaults();
    private final StorageClass standard = catalog.classes("s3").get(0);
    private final StorageClass ia = catalog.classes("s3").get(1);
    private final StorageClass glacierIr = catalog.classes("s3").get(2);
    private final CostModel costs = new CostModel(0);

    @Test
    void storageIsPricePerGbMonthTimesSizeAndTime() {
        assertThat(costs.storage(standard, GIB, 30).total()).isCloseTo(0.023, within(1e-12));
        assertThat(costs.storage(ia, 10 * GIB, 15).storage()).isCloseTo(10 * 0.0125 * 0.5, within(1e-12));
    }

    @Test
    void smallObjectsAreBilledAtTheMinimumBillableSize() {
        // 64 KiB in Standard-IA is billed as 128 KiB = 1/8192 GB
        assertThat(costs.storage(ia, 64 * 1024, 30).total()).isCloseTo(0.0125 / 8192, within(1e-15));
        assertThat(costs.storage(standard, 64 * 1024, 30).total()).isCloseTo(0.023 / 16384, within(1e-15));
    }

    @Test
    void readsPayRetrievalPerGbAndGetsWritesPayPuts() {
        Cost c = costs.access(glacierIr, 1000, 2.0 * GIB, 0);
        assertThat(c.retrieval()).isCloseTo(0.06, within(1e-12));
        assertThat(c.requests()).isCloseTo(0.01, within(1e-12));
        assertThat(costs.access(ia, 0, 0, 10).total()).isCloseTo(0.0001, within(1e-12));
        assertThat(costs.access(standard, 1000, 5.0 * GIB, 0).retrieval()).isZero();
    }

    @Test
    void leavingBeforeTheMinimumDurationBillsTheRemainingDays() {
        Cost c = costs.migration(ia, glacierIr, 100 * GIB, 10);
        // read out 100 GB of IA at $0.01, one GET from IA, one PUT into Glacier IR
        assertThat(c.migration()).isCloseTo(1.0 + 0.001 / 1000 + 0.02 / 1000, within(1e-12));
        // 20 of IA's 30 days remain: 100 GB x $0.0125 x 20/30
        assertThat(c.earlyDeletion()).isCloseTo(100 * 0.0125 * 20 / 30, within(1e-12));
        assertThat(costs.migration(ia, glacierIr, 100 * GIB, 45).earlyDeletion()).isZero();
    }

    @Test
    void egressIsChargedPerGbMoved() {
        Cost c = new CostModel(0.09).migration(standard, ia, 10 * GIB, 0);
        assertThat(c.migration()).isCloseTo(10 * 0.09 + 0.0004 / 1000 + 0.01 / 1000, within(1e-12));
        assertThat(c.earlyDeletion()).isZero();
    }

    @Test
    void aMoveIntoAClassIsBilledAtLeastItsMinimumDuration() {
        // 30-day horizon, but Glacier IR bills 90 days: 100 GB x $0.004 x 3 months + GET + PUT
        Cost move = costs.expected(standard, 0, glacierIr, 100 * GIB, Demand.NONE, 30);
        assertThat(move.total()).isCloseTo(1.2 + 0.0004 / 1000 + 0.02 / 1000, within(1e-12));
        Cost stay = costs.expected(standard, 0, standard, 100 * GIB, Demand.NONE, 30);
        assertThat(stay.total()).isCloseTo(2.3, within(1e-12));
    }

    @Test
    void expectedCostAddsUpItsParts() {
        Cost c = costs.expected(ia, 5, glacierIr, 3 * GIB, new Demand(40, 2.0 * GIB, 4), 120);
        assertThat(c.total()).isCloseTo(c.storage() + c.retrieval() + c.requests() + c.migration()
                + c.earlyDeletion(), within(1e-12));
        // storage 3 x 0.004 x 4, retrieval 8 GB x 0.03, requests 160 GET + 16 PUT, move, 25 days of IA left
        assertThat(c.storage()).isCloseTo(3 * 0.004 * 4, within(1e-12));
        assertThat(c.retrieval()).isCloseTo(8 * 0.03, within(1e-12));
        assertThat(c.requests()).isCloseTo(160 * 0.01 / 1000 + 16 * 0.02 / 1000, within(1e-12));
        assertThat(c.earlyDeletion()).isCloseTo(3 * 0.0125 * 25 / 30, within(1e-12));
    }

    @Test
    void pricesCanBeOverriddenByConfiguration() {
        PriceCatalog p = PriceCatalog.configured(k -> k.equals("dim.prices.s3-standard.storage-per-gb-month")
                ? "0.03" : null);
        assertThat(p.classes("s3").get(0).storagePerGbMonth()).isEqualTo(0.03);
        assertThat(p.classes("s3").get(1).storagePerGbMonth()).isEqualTo(0.0125);
    }
}
