package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import routes.plan.sim.TraceEvent;
import routes.plan.sim.TraceGenerator;
import routes.support.Api;
import routes.support.ServiceTestSupport;

/** POST /train over real HTTP, Kafka and SQLite: too little history is a 422 that leaves the rules in
 *  use; with generated history the tree is trained, stored as a file and a models row, and the
 *  recommendations come from it at once. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelTrainingTest extends ServiceTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Order(1)
    void withTooLittleHistoryTheTreeIsRefusedAndNothingChanges() {
        createDataset("lonely", 1024);
        Api.Response r = api.post("/train", "{\"algorithm\":\"tribuo-cart\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.field()).isEqualTo("algorithm");
        assertThat(r.error()).contains("at least 200").contains("stays in use");
        assertThat(count("SELECT COUNT(*) FROM models")).isZero();
        Api.Response bad = api.post("/train", "{\"algorithm\":\"magic\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.field()).isEqualTo("algorithm");
    }

    @Test
    @Order(2)
    void withGeneratedHistoryTheTreeIsTrainedStoredAndUsed() throws Exception {
        Map<String, Long> ids = new HashMap<>();
        List<Map<String, Object>> batch = new ArrayList<>();
        long posted = 0;
        TraceGenerator g = new TraceGenerator(21, 30, 60, "balanced");
        while (g.hasNext()) {
            TraceEvent e = g.next();
            long id = ids.computeIfAbsent(e.datasetId(), n -> createDataset(n, 1024));
            batch.add(Map.of("dataset_id", id, "op", e.read() ? "read" : "write", "size_bytes", e.bytes(),
                    "ts", Instant.ofEpochMilli(e.tsMillis()).toString()));
            if (batch.size() == 2000 || !g.hasNext()) {
                Api.Response r = api.post("/access-events", JSON.writeValueAsString(batch));
                assertThat(r.status()).as(r.body()).isEqualTo(202);
                posted += batch.size();
                batch.clear();
            }
        }
        long total = posted;
        eventually().until(() -> count("SELECT COALESCE(SUM(read_count + write_count), 0) FROM access_aggregates")
                == total);

        long fast = api.post("/policies", Api.json("name", "fast", "latency_slo_ms", 100)).id();
        long someDataset = ids.values().iterator().next();
        assertThat(api.patch("/datasets/" + someDataset, Api.json("policy_id", fast)).status()).isEqualTo(200);

        Api.Response trained = api.post("/train");
        assertThat(trained.status()).as(trained.body()).isEqualTo(200);
        JsonNode m = trained.json();
        assertThat(m.path("name").asText()).isEqualTo("tiering-tree");
        assertThat(m.path("algorithm").asText()).isEqualTo("tribuo-cart");
        assertThat(m.path("version").asInt()).isEqualTo(1);
        assertThat(m.at("/metrics/training_rows").asInt()).isGreaterThanOrEqualTo(100);
        assertThat(m.at("/metrics/macro_f1").isNumber()).isTrue();
        assertThat(m.at("/metrics/confusion_matrix/cold").isObject()).isTrue();
        assertThat(Files.exists(dataDir.resolve(m.at("/params/file").asText()))).isTrue();
        assertThat(count("SELECT COUNT(*) FROM models WHERE name = 'tiering-tree'")).isEqualTo(1);

        JsonNode advice = api.get("/recommendations?dataset_id=" + someDataset).json().get(0);
        assertThat(advice.path("model_version").asText()).isEqualTo("tiering-tree-v1");
        assertThat(advice.path("reason").asText()).contains("predicts").contains("cost per month now")
                .contains("in store 'local'").contains("policy 'fast' (latency SLO 100 ms)");
        // local's cold class answers in 200 ms, above the SLO: never recommended under this policy
        assertThat(advice.path("tier").asText()).isNotEqualTo("cold");
    }

    @Test
    @Order(3)
    void aModelAnotherInstanceTrainedIsUsedAtTheNextWindowClose() {
        // what another instance's POST /train leaves in the shared database: version 2, its file
        // in the database only, not in this instance's data directory
        sql().update("INSERT INTO models (name, version, algorithm, params, metrics, created_at, model_bytes) "
                + "SELECT name, 2, algorithm, REPLACE(params, 'tiering-tree-v1', 'tiering-tree-v2'), metrics, "
                + "created_at, model_bytes FROM models WHERE name = 'tiering-tree' AND version = 1");
        assertThat(dataDir.resolve("models/tiering-tree-v2.tribuo")).doesNotExist();

        context.createProducerTemplate().sendBody("direct:recommend-all", null);

        assertThat(dataDir.resolve("models/tiering-tree-v2.tribuo")).exists();
        assertThat(api.get("/recommendations").json().findValuesAsText("model_version")).isNotEmpty()
                .allMatch("tiering-tree-v2"::equals);
    }
}
