package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import routes.support.Api;
import routes.support.ServiceTestSupport;

/**
 * Auto mode end to end: data the rules call cold (no access for a second here) is moved by the service
 * itself when its policy is auto, copy, verify, switch and delete as for a planned move, never more than
 * dim.auto.max-active-jobs at a time; under a recommend policy it is only advised.
 */
class AutoModeTest extends ServiceTestSupport {

    @Override
    protected Map<String, String> overrides() {
        return Map.of(
                "dim.classify.interval", "1s",
                "dim.classify.cold-after-seconds", "1",
                "dim.auto.interval", "1s",
                "dim.auto.max-active-jobs", "1",
                "dim.auto.max-plans-per-run", "5",
                "dim.decisions.min-residency-days", "0");
    }

    @Test
    void coldDataUnderAnAutoPolicyIsMovedOneJobAtATimeAndUnderRecommendOnlyAdvised() throws Exception {
        long auto = api.post("/policies", Api.json("name", "autopilot", "mode", "auto")).id();
        long manual = api.post("/policies", Api.json("name", "manual")).id();
        List<String> moved = List.of("a1", "a2", "a3", "unruled");
        for (String name : List.of("a1", "a2", "a3", "r1")) {
            assertThat(api.patch("/datasets/" + createDataset(name, 256 * 1024), Api.json("policy_id", manual))
                    .status()).isEqualTo(200);
        }
        long advisedOnly = id("r1");
        createDataset("unruled", 4096);
        // first advised only: every dataset is recommended cold (after a second without access) ...
        eventually().until(() -> count("SELECT COUNT(*) FROM recommendations r WHERE tier = 'cold' AND id = "
                + "(SELECT MAX(id) FROM recommendations WHERE dataset_id = r.dataset_id)") == 5);
        assertThat(count("SELECT COUNT(*) FROM migration_jobs")).isZero();
        // ... then three are put under the auto policy, and the global policy puts the one without a policy in auto
        for (String name : List.of("a1", "a2", "a3")) {
            assertThat(api.patch("/datasets/" + id(name), Api.json("policy_id", auto)).status()).isEqualTo(200);
        }
        api.post("/policies", Api.json("name", "default", "mode", "auto"));

        AtomicLong mostActive = new AtomicLong();
        eventually().until(() -> {
            long active = count("SELECT COUNT(*) FROM migration_jobs WHERE state NOT IN ('completed', 'failed')");
            mostActive.accumulateAndGet(active, Math::max);
            return active == 0 && count("SELECT COUNT(*) FROM datasets WHERE current_tier = 'cold'") == moved.size();
        });
        assertThat(mostActive.get()).as("active jobs at any time").isLessThanOrEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM migration_jobs WHERE state = 'completed'")).isEqualTo(moved.size());
        // and from the rows themselves: each job was planned only after the one before had finished
        List<Map<String, Object>> jobs = sql().queryForList("SELECT created_at, finished_at FROM migration_jobs ORDER BY id");
        for (int i = 1; i < jobs.size(); i++) {
            assertThat(((Number) jobs.get(i).get("created_at")).longValue())
                    .isGreaterThanOrEqualTo(((Number) jobs.get(i - 1).get("finished_at")).longValue());
        }

        for (String name : moved) {
            JsonNode d = api.get("/datasets/" + id(name)).json();
            assertThat(d.path("current_tier").asText()).isEqualTo("cold");
            assertThat(d.path("path_uri").asText()).isEqualTo(fileUri("cold/" + name));
            Path data = storage.resolve("cold").resolve(name);
            assertThat(sha256(data)).isEqualTo(d.path("checksum_sha256").asText());
            assertThat(Files.exists(storage.resolve(name))).as("source deleted").isFalse();
            assertThat(d.path("replicas")).hasSize(1);
        }
        assertThat(recordsIn("migration_jobs")).isEqualTo(moved.size());
        assertThat(count("SELECT COUNT(*) FROM migration_jobs WHERE state = 'failed'")).isZero();

        // recommend mode: the advice is there, the data is not moved
        JsonNode advice = api.get("/recommendations?dataset_id=" + advisedOnly).json().get(0);
        assertThat(advice.path("tier").asText()).isEqualTo("cold");
        assertThat(advice.path("target_store").asText()).isEqualTo("local");
        assertThat(advice.path("reason").asText()).contains("cold in store 'local'").contains("policy 'manual'");
        assertThat(count("SELECT COUNT(*) FROM migration_jobs WHERE dataset_id = ?", advisedOnly)).isZero();
        assertThat(api.get("/datasets/" + advisedOnly).json().path("current_tier").asText()).isEqualTo("hot");
        assertThat(api.get("/metrics").body()).containsPattern("dim_auto_plans_total\\{[^}]*\\} 4.0");
    }

    private long id(String datasetName) {
        return sql().queryForObject("SELECT id FROM datasets WHERE name = ?", Long.class, datasetName);
    }
}
