package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import routes.support.Api;
import routes.support.ServiceTestSupport;

/** The mover's promises under repetition and failure: one migration per job, a failed job leaves
 *  the source primary and untouched, is dead-lettered, and completes when retried. */
class MoveFaultsTest extends ServiceTestSupport {

    private Api.Response plan(long datasetId, String target) {
        return api.post("/plan-migration", Api.json("dataset_id", datasetId, "storage_class", "warm",
                "target_location", fileUri(target)));
    }

    private void pauseMover() throws Exception {
        context.getRouteController().stopRoute("move-jobs");
    }

    private void resumeMover() throws Exception {
        context.getRouteController().startRoute("move-jobs");
    }

    private String state(long jobId) {
        return api.get("/jobs/" + jobId).json().path("state").asText();
    }

    @Test
    void planningTheSameMoveTwiceYieldsOneJob() throws Exception {
        long ds = createDataset("twice", 200_000);
        pauseMover();
        Api.Response first = plan(ds, "twice-warm");
        Api.Response second = plan(ds, "twice-warm");
        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.json().path("job_key").asText()).isEqualTo(first.json().path("job_key").asText());
        resumeMover();
        eventually().until(() -> state(first.id()).equals("completed"));
        Api.Response third = plan(ds, "twice-warm");
        assertThat(third.status()).isEqualTo(200);
        assertThat(third.id()).isEqualTo(first.id());
        assertThat(count("SELECT COUNT(*) FROM migration_jobs WHERE dataset_id = ?", ds)).isEqualTo(1);
    }

    @Test
    void aJobRecordDeliveredTwiceMigratesOnce() throws Exception {
        long ds = createDataset("replayed", 300_000);
        String sha = sha256(storage.resolve("replayed"));
        double copyingBefore = metric("dim_job_transitions_total", "state=\"copying\"");
        double bytesBefore = metric("dim_bytes_migrated_bytes_total", "");
        pauseMover();
        JsonNode job = plan(ds, "replayed-warm").json();
        String record = Api.json("job_id", job.path("id").asLong(), "job_key", job.path("job_key").asText(),
                "dataset_id", ds, "attempt", 1);
        sendRecord("migration_jobs", Long.toString(ds), record);
        sendRecord("migration_jobs", Long.toString(ds), record);
        resumeMover();
        eventually().until(() -> state(job.path("id").asLong()).equals("completed"));
        // the replays are consumed after the first delivery; give them time to be (not) run
        eventually().until(() -> count("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE messageId = ?",
                job.path("job_key").asText() + "#1") == 1);
        Thread.sleep(1500);
        assertThat(metric("dim_job_transitions_total", "state=\"copying\"") - copyingBefore).isEqualTo(1);
        assertThat(metric("dim_bytes_migrated_bytes_total", "") - bytesBefore).isEqualTo(300_000);
        assertThat(sha256(storage.resolve("replayed-warm"))).isEqualTo(sha);
        assertThat(storage.resolve("replayed")).doesNotExist();
    }

    @Test
    void anInjectedFailureFailsTheJobLeavesTheSourceAndDeadLettersIt() throws Exception {
        long ds = createDataset("fragile", 500_000);
        String sha = sha256(storage.resolve("fragile"));
        pauseMover();
        long jobId = plan(ds, "fragile-warm").id();
        Api.Response injected = api.post("/jobs/" + jobId + "/inject-failure");
        assertThat(injected.status()).isEqualTo(200);
        assertThat(injected.json().path("failure_injected").asBoolean()).isTrue();
        resumeMover();

        eventually().until(() -> state(jobId).equals("failed"));
        JsonNode failed = api.get("/jobs/" + jobId).json();
        assertThat(failed.path("error").asText()).contains("InjectedFailure").contains("failure injected before copying");
        assertThat(sha256(storage.resolve("fragile"))).isEqualTo(sha);
        assertThat(storage.resolve("fragile-warm")).doesNotExist();
        JsonNode dataset = api.get("/datasets/" + ds).json();
        assertThat(dataset.path("path_uri").asText()).isEqualTo(fileUri("fragile"));
        assertThat(dataset.path("current_tier").asText()).isEqualTo("hot");
        assertThat(metric("dim_failures_injected_total", "")).isGreaterThanOrEqualTo(1);

        List<JsonNode> dead = readTopic("migration_jobs.dlq").stream()
                .filter(r -> r.path("job").path("id").asLong() == jobId).toList();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).path("attempts").asInt()).isEqualTo(3); // first try + 2 redeliveries (test config)
        assertThat(dead.get(0).path("error").asText()).contains("failure injected");
        assertThat(dead.get(0).path("job").path("state").asText()).isEqualTo("failed");

        Api.Response retried = api.post("/jobs/" + jobId + "/retry");
        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.json().path("state").asText()).isEqualTo("queued");
        assertThat(retried.json().path("attempt").asInt()).isEqualTo(2);
        eventually().until(() -> state(jobId).equals("completed"));
        assertThat(sha256(storage.resolve("fragile-warm"))).isEqualTo(sha);
        assertThat(storage.resolve("fragile")).doesNotExist();
        assertThat(api.get("/datasets/" + ds).json().path("current_tier").asText()).isEqualTo("warm");
    }

    @Test
    void theSeedsRetryAliasRequeuesToo() throws Exception {
        long ds = createDataset("alias", 10_000);
        pauseMover();
        long jobId = plan(ds, "alias-warm").id();
        api.post("/jobs/" + jobId + "/inject-failure");
        resumeMover();
        eventually().until(() -> state(jobId).equals("failed"));
        assertThat(api.post("/jobs/retry/" + jobId).status()).isEqualTo(202);
        eventually().until(() -> state(jobId).equals("completed"));
        assertThat(Files.size(storage.resolve("alias-warm"))).isEqualTo(10_000);
    }

    @Test
    void aSecondMoveOfAMovingDatasetIsRefused() throws Exception {
        long ds = createDataset("busy", 10_000);
        pauseMover();
        long jobId = plan(ds, "busy-a").id();
        Api.Response other = plan(ds, "busy-b");
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.field()).isEqualTo("dataset_id");
        assertThat(other.error()).contains("already moving");
        Api.Response seed = api.post("/datasets/" + ds + "/seed");
        assertThat(seed.status()).isEqualTo(409);
        resumeMover();
        eventually().until(() -> state(jobId).equals("completed"));
    }
}
