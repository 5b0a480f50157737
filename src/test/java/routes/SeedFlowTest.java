package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import routes.support.Api;
import routes.support.SseRecorder;
import routes.support.ServiceTestSupport;

/** The walk a new user takes with curl: create and seed a dataset, post events, train, read the
 *  advice, plan a move and watch it complete, through the embedded broker, SQLite and local files. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedFlowTest extends ServiceTestSupport {

    private long datasetId;
    private String originalSha;

    @Test
    @Order(1)
    void healthReportsEveryPartUp() {
        Api.Response health = api.get("/health");
        assertThat(health.status()).isEqualTo(200);
        JsonNode body = health.json();
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("kafka").path("status").asText()).isEqualTo("UP");
        assertThat(body.path("kafka").path("embedded").asBoolean()).isTrue();
        assertThat(body.path("database").path("status").asText()).isEqualTo("UP");
        assertThat(body.path("storage").path("roots").get(0).asText()).isEqualTo(storage.toString());
        // alone in its consumer group, this instance is assigned every partition of the job topic
        eventually().untilAsserted(() -> assertThat(api.get("/health").json().path("kafka")
                .path("assigned_partitions").path("dim-mover")).extracting(JsonNode::asText)
                .containsExactly("migration_jobs-0", "migration_jobs-1", "migration_jobs-2"));
    }

    @Test
    @Order(2)
    void creatingADatasetWithAutoSeedWritesItsBytes() throws Exception {
        Api.Response created = api.post("/datasets", Api.json("name", "ds1", "path_uri", fileUri("ds1"),
                "size_bytes", 1_048_576, "auto_seed", true));
        assertThat(created.status()).isEqualTo(201);
        datasetId = created.id();
        Path file = storage.resolve("ds1");
        assertThat(Files.size(file)).isEqualTo(1_048_576);
        originalSha = sha256(file);
        JsonNode ds = created.json();
        assertThat(ds.path("checksum_sha256").asText()).isEqualTo(originalSha);
        assertThat(ds.path("current_tier").asText()).isEqualTo("hot");
        assertThat(ds.path("replicas")).hasSize(1);
        assertThat(ds.path("replicas").get(0).path("is_primary").asBoolean()).isTrue();

        assertThat(api.get("/datasets/" + datasetId).json().path("name").asText()).isEqualTo("ds1");
        JsonNode page = api.get("/datasets?limit=10&offset=0").json();
        assertThat(page.path("total").asLong()).isEqualTo(1);
        assertThat(page.path("items").get(0).path("id").asLong()).isEqualTo(datasetId);
    }

    @Test
    @Order(3)
    void patchRenamesADataset() {
        Api.Response patched = api.patch("/datasets/" + datasetId, Api.json("name", "ds-one"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().path("name").asText()).isEqualTo("ds-one");
        assertThat(api.get("/datasets/" + datasetId).json().path("name").asText()).isEqualTo("ds-one");
    }

    @Test
    @Order(4)
    void accessEventsAreAggregatedPerWindow() throws Exception {
        Api.Response one = api.post("/access-events", Api.json("dataset_id", datasetId, "op", "read",
                "size_bytes", 4096, "latency_ms", 2.5, "client", "etl"));
        assertThat(one.status()).isEqualTo(202);
        assertThat(one.json().path("accepted").asInt()).isEqualTo(1);
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 20; i++) {
            batch.append(i > 0 ? "," : "").append(Api.json("dataset_id", datasetId, "op", i % 4 == 0 ? "write" : "read",
                    "size_bytes", 1000, "event_id", "e-" + i));
        }
        Api.Response many = api.post("/access-events", batch.append(']').toString());
        assertThat(many.status()).isEqualTo(202);
        assertThat(many.json().path("accepted").asInt()).isEqualTo(20);
        assertThat(recordsIn("access_events")).isEqualTo(21);

        eventually().until(() -> count("SELECT COALESCE(SUM(read_count + write_count), 0) FROM access_aggregates "
                + "WHERE dataset_id = ?", datasetId) == 21);
        assertThat(count("SELECT SUM(write_count) FROM access_aggregates WHERE dataset_id = ?", datasetId)).isEqualTo(5);
        assertThat(count("SELECT SUM(read_bytes) FROM access_aggregates WHERE dataset_id = ?", datasetId))
                .isEqualTo(4096 + 15 * 1000);
        assertThat(api.get("/datasets/" + datasetId).json().path("last_access_ts").isNull()).isFalse();
    }

    @Test
    @Order(5)
    void trainingYieldsARecommendationThatIsAlsoPublished() throws Exception {
        Api.Response trained = api.post("/train");
        assertThat(trained.status()).isEqualTo(200);
        assertThat(trained.json().path("version").asInt()).isEqualTo(1);
        assertThat(trained.json().path("params").path("hot_accesses").asLong()).isEqualTo(21);

        Api.Response recs = api.get("/recommendations?dataset_id=" + datasetId);
        assertThat(recs.status()).isEqualTo(200);
        JsonNode rec = recs.json().get(0);
        assertThat(rec.path("tier").asText()).isEqualTo("hot");
        assertThat(rec.path("confidence").asDouble()).isBetween(0.5, 1.0);
        assertThat(rec.path("reason").asText()).contains("21 accesses");
        assertThat(recordsIn("recommendations")).isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(6)
    void aPlannedMoveCopiesVerifiesSwitchesAndDeletesWhileTheStreamShowsEveryState() throws Exception {
        try (SseRecorder sse = SseRecorder.connect(api)) {
            eventually().until(sse::connected);
            Api.Response planned = api.post("/plan-migration", Api.json("dataset_id", datasetId,
                    "storage_class", "cold", "target_location", fileUri("ds1_cold")));
            assertThat(planned.status()).isEqualTo(202);
            long jobId = planned.id();
            assertThat(planned.json().path("job_key").asText()).hasSize(64);

            eventually().until(() -> api.get("/jobs/" + jobId).json().path("state").asText().equals("completed"));
            eventually().until(() -> sse.forJob(jobId).stream().anyMatch(e -> e.path("state").asText().equals("completed")));

            List<String> transitions = sse.forJob(jobId).stream().map(e -> e.path("state").asText()).distinct().toList();
            assertThat(transitions).containsExactly("queued", "copying", "verifying", "switching", "deleting", "completed");
            JsonNode last = sse.forJob(jobId).get(sse.forJob(jobId).size() - 1);
            assertThat(last.path("bytes_done").asLong()).isEqualTo(1_048_576);
            assertThat(last.path("bytes_total").asLong()).isEqualTo(1_048_576);
            assertThat(sse.forJob(jobId).stream().filter(e -> e.path("state").asText().equals("copying")).count())
                    .as("progress events while copying").isGreaterThan(1);

            Path target = storage.resolve("ds1_cold");
            assertThat(sha256(target)).isEqualTo(originalSha);
            assertThat(storage.resolve("ds1")).doesNotExist();

            JsonNode ds = api.get("/datasets/" + datasetId).json();
            assertThat(ds.path("path_uri").asText()).isEqualTo(fileUri("ds1_cold"));
            assertThat(ds.path("current_tier").asText()).isEqualTo("cold");
            assertThat(ds.path("replicas")).hasSize(1);
            JsonNode primary = ds.path("replicas").get(0);
            assertThat(primary.path("uri").asText()).isEqualTo(fileUri("ds1_cold"));
            assertThat(primary.path("checksum_sha256").asText()).isEqualTo(originalSha);
            assertThat(primary.path("storage_class").asText()).isEqualTo("cold");

            JsonNode job = api.get("/jobs/" + jobId).json();
            assertThat(job.path("checksum_sha256").asText()).isEqualTo(originalSha);
            assertThat(job.path("bytes_done").asLong()).isEqualTo(1_048_576);
            assertThat(job.path("started_at").isNull()).isFalse();
            assertThat(job.path("finished_at").isNull()).isFalse();
            eventually().until(() -> api.get("/jobs/" + jobId).json().path("events").size() >= 6);
            assertThat(api.get("/jobs?state=completed").json().path("total").asLong()).isEqualTo(1);
        }
    }

    @Test
    @Order(7)
    void metricsCountRequestsEventsTransitionsAndBytes() {
        Api.Response metrics = api.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain");
        String text = metrics.body();
        assertThat(text).containsPattern("dim_access_events_ingested_total\\{[^}]*\\} 21.0");
        assertThat(text).contains("dim_job_transitions_total{state=\"completed\"} 1.0");
        assertThat(text).contains("dim_bytes_migrated_bytes_total 1048576.0");
        assertThat(text).contains("dim_migration_duration_seconds_bucket");
        assertThat(text).containsPattern("dim_http_requests_total\\{method=\"POST\",path=\"/plan-migration\",status=\"202\"\\}");
        assertThat(text).contains("process_uptime_seconds");
        assertThat(text).containsPattern("camel_exchanges_total\\{.*routeId=\"move-jobs\"");
    }

    @Test
    @Order(8)
    void theApiIsDescribedAndBrowsable() {
        Api.Response spec = api.get("/openapi.json");
        assertThat(spec.status()).isEqualTo(200);
        JsonNode paths = spec.json().path("paths");
        assertThat(paths.has("/plan-migration")).isTrue();
        assertThat(paths.has("/datasets/{id}")).isTrue();
        JsonNode plan = paths.path("/plan-migration").path("post");
        assertThat(plan.path("summary").asText() + plan.path("description").asText()).contains("same job");
        Api.Response docs = api.get("/docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("SwaggerUIBundle").contains("/openapi.json");
        assertThat(api.get("/docs/swagger-ui-bundle.js").status()).isEqualTo(200);
    }
}
