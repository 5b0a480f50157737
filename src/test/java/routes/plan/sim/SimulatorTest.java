package routes.plan.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import routes.plan.Decisions;

/** The replay: deterministic, never beating the optimum, costs that add up, and a hand-checked bill. */
class SimulatorTest {

    private final Decisions decisions = Decisions.fromProperties(k -> null);

    private SimReport generated(long seed, String mix, String provider, Double slo) {
        return decisions.simulator(provider, slo, null, null, null, null, null)
                .run(new TraceGenerator(seed, 60, 240, mix));
    }

    private SimReport replay(String trace) {
        return decisions.simulator("s3", null, null, null, null, null, null)
                .run(new TraceReader(new BufferedReader(new StringReader(trace))));
    }

    @Test
    void theSameSeedGivesTheSameReport() {
        SimReport a = generated(7, "balanced", "s3", null);
        SimReport b = generated(7, "balanced", "s3", null);
        assertThat(a.policies()).isEqualTo(b.policies());
        assertThat(a.trace()).isEqualTo(b.trace());
        assertThat(generated(8, "balanced", "s3", null).policies()).isNotEqualTo(a.policies());
    }

    @Test
    void noPolicyBeatsTheOptimum() {
        for (String provider : new String[] {"s3", "gcs"}) {
            for (String mix : TraceGenerator.MIXES.keySet()) {
                for (long seed = 1; seed <= 2; seed++) {
                    for (Double slo : new Double[] {null, 100.0}) {
                        SimReport r = generated(seed, mix, provider, slo);
                        double optimum = r.policy("optimum").totalCost();
                        assertThat(r.policy("optimum").sloMisses()).isZero();
                        for (SimReport.PolicyResult p : r.policies()) {
                            // the optimum may use the self-tiering class too, so the -billed baseline is below it
                            if (p.sloMisses() == 0) {
                                assertThat(p.totalCost()).as(provider + " " + mix + " " + seed + " " + slo + " "
                                        + p.name()).isGreaterThanOrEqualTo(optimum - 1e-6);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void everyTotalIsTheSumOfItsParts() {
        SimReport r = generated(3, "mostly-cold", "gcs", null);
        assertThat(r.policies()).extracting(SimReport.PolicyResult::name).contains(Simulator.OURS,
                "always-hot", "always-cold", "optimum");
        for (SimReport.PolicyResult p : r.policies()) {
            assertThat(p.storage() + p.retrieval() + p.requests() + p.migration() + p.earlyDeletion())
                    .as(p.name()).isCloseTo(p.totalCost(), within(1e-5));
        }
    }

    @Test
    void withEnoughHistoryTheTreeDrivenPlacementIsReplayedToo() {
        SimReport r = decisions.simulator("s3", null, null, null, null, null, null)
                .run(new TraceGenerator(5, 100, 300, "balanced"));
        SimReport.PolicyResult tree = r.policy(TreePolicy.NAME);
        assertThat(tree.totalCost()).isGreaterThanOrEqualTo(r.policy("optimum").totalCost() - 1e-6);
        assertThat(tree.storage() + tree.retrieval() + tree.requests() + tree.migration() + tree.earlyDeletion())
                .isCloseTo(tree.totalCost(), within(1e-5));
    }

    @Test
    void aSlowClassServingReadsCountsSloMisses() {
        SimReport r = generated(4, "balanced", "s3", 100.0);
        assertThat(r.policy("always-cold").sloMisses()).isPositive();
        assertThat(r.policy("always-hot").sloMisses()).isZero();
        assertThat(r.policy(Simulator.OURS).sloMisses()).isZero();
    }

    @Test
    void aOneDatasetTraceIsBilledAsByHand() {
        // 1 GiB written on day 0 and read (0 bytes) on day 29: 30 days of storage, one PUT and one GET
        SimReport r = replay("ts,dataset_id,op,bytes,size_bytes\n"
                + "1767225600,a,write,1073741824,1073741824\n"
                + "{\"ts\":\"2026-01-30T12:00:00Z\",\"dataset_id\":\"a\",\"op\":\"read\",\"bytes\":0}\n");
        assertThat(r.trace().days()).isEqualTo(30);
        assertThat(r.trace().events()).isEqualTo(2);
        assertThat(r.policy("always-hot").totalCost()).isCloseTo(0.023 + 0.005 / 1000 + 0.0004 / 1000, within(1e-6));
        assertThat(r.policy("always-cold").totalCost()).isCloseTo(0.004 + 0.02 / 1000 + 0.01 / 1000, within(1e-6));
        assertThat(r.policy("optimum").totalCost()).isCloseTo(r.policy("always-cold").totalCost(), within(1e-9));
        assertThat(r.policy("optimum").costVsOptimum()).isEqualTo(1.0);
    }

    @Test
    void aReadOnColdDataIsServedThereOnceAndTheRestOfTheDayWhereItWasBroughtUp() {
        // 1 GiB written on day 0, idle 30 days, then three reads of 0.5 GiB on day 31. The
        // Intelligent-Tiering-like rule moves it to IA at the start of day 31 (30 days without access);
        // the first read is served by IA, which brings it back to Standard for the other two.
        SimReport r = replay("ts,dataset_id,op,bytes,size_bytes\n"
                + "1767225600,a,write,1073741824,1073741824\n"
                + (1767225600 + 31 * 86400) + ",a,read,536870912,1073741824\n"
                + (1767225600 + 31 * 86400 + 60) + ",a,read,536870912,1073741824\n"
                + (1767225600 + 31 * 86400 + 120) + ",a,read,536870912,1073741824\n");
        SimReport.PolicyResult rule = r.policy("s3-intelligent-tiering-like");
        double storage = 0.023 * 32 / 30; // days 0-30 in Standard, and day 31 where it ended
        double down = 0.0004 / 1000 + 0.01 / 1000; // GET from Standard, PUT into IA
        double up = 0.01 + 0.001 / 1000 + 0.005 / 1000; // 1 GiB out of IA, GET, PUT into Standard
        double early = 0.0125; // IA's 30-day minimum, all of it left
        double reads = 0.5 * 0.01 + 0.001 / 1000 + 2 * 0.0004 / 1000;
        assertThat(rule.migrations()).isEqualTo(2);
        assertThat(rule.earlyDeletion()).isCloseTo(early, within(1e-9));
        assertThat(rule.retrieval()).isCloseTo(0.005, within(1e-9));
        assertThat(rule.totalCost()).isCloseTo(storage + 0.005 / 1000 + down + up + early + reads, within(1e-6));
        assertThat(rule.totalCost()).isGreaterThanOrEqualTo(r.policy("optimum").totalCost());
    }

    @Test
    void aSelfTieringClassBillsByTheDaysWithoutAccess() {
        // 1 GiB written on day 0 and read (0 bytes) on day 40, all in S3 Intelligent-Tiering: day 0 and the
        // 30 days without access after it at Standard's price, days 31-39 at Standard-IA's, day 40 back at
        // Standard's; no retrieval fee
        SimReport r = replay("ts,dataset_id,op,bytes,size_bytes\n"
                + "1767225600,a,write,1073741824,1073741824\n"
                + (1767225600 + 40 * 86400) + ",a,read,0,1073741824\n");
        SimReport.PolicyResult it = r.policy("s3-intelligent-tiering-billed");
        double storage = (32 * 0.023 + 9 * 0.0125) / 30 + 41 * 0.0025 / 1000 / 30;
        assertThat(it.storage()).isCloseTo(storage, within(1e-6));
        assertThat(it.retrieval()).isZero();
        assertThat(it.totalCost()).isCloseTo(storage + 0.005 / 1000 + 0.0004 / 1000, within(1e-6));
        assertThat(it.totalCost()).isGreaterThanOrEqualTo(r.policy("optimum").totalCost());
    }

    @Test
    void aBadTraceLineIsReportedWithItsLineAndField() {
        assertThatThrownBy(() -> replay("ts,dataset_id,op,bytes\n1767225600,a,read,10\n1767225601,a,delete,1\n"))
                .isInstanceOfSatisfying(TraceFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.field()).isEqualTo("op");
                });
        assertThatThrownBy(() -> replay("yesterday,a,read,10\n"))
                .isInstanceOfSatisfying(TraceFormatException.class, e -> assertThat(e.field()).isEqualTo("ts"));
        assertThatThrownBy(() -> replay("\n# nothing\n"))
                .isInstanceOfSatisfying(TraceFormatException.class, e -> assertThat(e.field()).isEqualTo("trace"));
    }

    @Test
    void theGeneratorWritesTheSameTraceForTheSameSeedAndItReadsBack() throws Exception {
        StringWriter a = new StringWriter();
        StringWriter b = new StringWriter();
        long n = new TraceGenerator(5, 20, 60, "balanced").writeCsv(a);
        new TraceGenerator(5, 20, 60, "balanced").writeCsv(b);
        assertThat(a.toString()).isEqualTo(b.toString());
        SimReport fromText = replay(a.toString());
        SimReport direct = decisions.simulator("s3", null, null, null, null, null, null)
                .run(new TraceGenerator(5, 20, 60, "balanced"));
        assertThat(fromText.trace().events()).isEqualTo(n);
        assertThat(fromText.policies()).isEqualTo(direct.policies());
    }

    @Test
    void writeOnceDataIsNeverRead() {
        TraceGenerator g = new TraceGenerator(9, 30, 90, "write-once");
        int events = 0;
        while (g.hasNext()) {
            assertThat(g.next().read()).isFalse();
            events++;
        }
        assertThat(events).isEqualTo(30);
    }
}
