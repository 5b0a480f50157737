package routes.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import routes.plan.sim.DatasetHistory;
import routes.plan.sim.TraceEvent;
import routes.plan.sim.TraceGenerator;

/** The learned tier model on generated history: it predicts the later windows better than always
 *  answering the most frequent class. */
class TieringModelTest {

    private static List<DatasetHistory.Days> history(long seed, int datasets, int days) {
        Map<String, DatasetHistory> h = new LinkedHashMap<>();
        TraceGenerator g = new TraceGenerator(seed, datasets, days, "balanced");
        long last = 0;
        while (g.hasNext()) {
            TraceEvent e = g.next();
            long day = Math.floorDiv(e.tsMillis(), 86_400_000L);
            h.computeIfAbsent(e.datasetId(), DatasetHistory::new).add(day, e);
            last = Math.max(last, day);
        }
        List<DatasetHistory.Days> out = new ArrayList<>();
        for (DatasetHistory d : h.values()) {
            out.add(d.expand(last));
        }
        return out;
    }

    private final TieringModel model = new TieringModel(new TieringModel.Params(7, 7, 8, 2, 200, 0.7));

    @Test
    void theTreeBeatsTheMajorityClassOnTheLaterWindows() {
        TieringModel.Trained t = model.train(history(11, 150, 240));
        Map<String, Object> m = t.metrics();
        assertThat((double) m.get("macro_f1")).isGreaterThan((double) m.get("majority_baseline_macro_f1") + 0.1);
        assertThat((double) m.get("accuracy")).isGreaterThan((double) m.get("majority_baseline_accuracy"));
        assertThat((int) m.get("training_rows")).isGreaterThan(1000);
        assertThat((int) m.get("test_rows")).isGreaterThan(100);
        assertThat((List<?>) m.get("top_features")).isNotEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Long>> confusion = (Map<String, Map<String, Long>>) m.get("confusion_matrix");
        long cells = confusion.values().stream().flatMap(r -> r.values().stream()).mapToLong(Long::longValue).sum();
        assertThat(cells).isEqualTo((int) m.get("test_rows"));
    }

    @Test
    void tooLittleHistoryIsSaidClearly() {
        assertThatThrownBy(() -> model.train(history(1, 2, 20)))
                .isInstanceOf(TieringModel.NotEnoughHistory.class)
                .hasMessageContaining("at least 200");
    }
}
