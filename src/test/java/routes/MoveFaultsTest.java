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

    /** A move planned with a failure injected, once it has failed. */
    private long failedMove(long datasetId, String target) throws Exception {
        pauseMover();
        long jobId = plan(datasetId, target).id();
        api.post("/jobs/" + jobId + "/inject-failure");
        resumeMover();
        eventually().until(() -> state(jobId).equals("failed"));
        return jobId;
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
    void aMoveMadeAgainAfterTheDatasetCameBackIsANewJob() throws Exception {
        long ds = createDataset("round", 50_000);
        String sha = sha256(storage.resolve("round"));
        for (String target : List.of("round-away", "round", "round-away")) {
            Api.Response planned = plan(ds, target);
            assertThat(planned.status()).as(target + ": " + planned.body()).isEqualTo(202);
            eventually().until(() -> state(planned.id()).equals("completed"));
        }
        // the third plan is the first one's move again, not the first job handed back
        assertThat(api.get("/datasets/" + ds).json().path("path_uri").asText()).isEqualTo(fileUri("round-away"));
        assertThat(Files.exists(storage.resolve("round"))).isFalse();
        assertThat(sha256(storage.resolve("round-away"))).isEqualTo(sha);
        assertThat(count("SELECT COUNT(*) FROM migration_jobs WHERE dataset_id = ?", ds)).isEqualTo(3);
        assertThat(plan(ds, "round-away").status()).as("the same plan once more: the dataset is there").isEqualTo(200);
    }

    @Test
    void aSeedReplacesWhatTheDatasetHeldSoItStillMoves() throws Exception {
        long ds = api.post("/datasets", Api.json("name", "reseed", "path_uri", fileUri("reseed"), "size_bytes", 5000,
                "auto_seed", true, "seed_objects", 5)).id();
        Api.Response fewer = api.post("/datasets/" + ds + "/seed", Api.json("size_bytes", 2000, "seed_objects", 2));
        assertThat(fewer.status()).as(fewer.body()).isEqualTo(200);
        try (var files = Files.list(storage.resolve("reseed"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly("part-00000", "part-00001");
        }
        Api.Response one = api.post("/datasets/" + ds + "/seed", Api.json("size_bytes", 3000));
        assertThat(one.status()).as("a directory becomes one object: " + one.body()).isEqualTo(200);
        assertThat(Files.size(storage.resolve("reseed"))).isEqualTo(3000);
        String sha = sha256(storage.resolve("reseed"));
        assertThat(one.json().path("checksum_sha256").asText()).isEqualTo(sha);
        Api.Response planned = plan(ds, "reseed-warm");
        eventually().until(() -> List.of("completed", "failed").contains(state(planned.id())));
        assertThat(state(planned.id())).as(api.get("/jobs/" + planned.id()).body()).isEqualTo("completed");
        assertThat(sha256(storage.resolve("reseed-warm"))).isEqualTo(sha);
    }

    @Test
    void aDatasetHoldingAnotherFromBeforeTheyHadToKeepApartIsNeitherMovedNorSeeded() throws Exception {
        long outer = api.post("/datasets", Api.json("name", "outer", "path_uri", fileUri("outer"), "size_bytes", 2000,
                "auto_seed", true, "seed_objects", 2)).id();
        // what an older version let in: a dataset registered on a file of another
        String inner = fileUri("outer/part-00000");
        long innerId = sql().queryForObject("INSERT INTO datasets (name, path_uri, size_bytes, current_tier, created_at, "
                + "updated_at) VALUES ('inner', ?, 1000, 'hot', 0, 0) RETURNING id", Long.class, inner);
        sql().update("INSERT INTO replicas (dataset_id, uri, storage_class, size_bytes, is_primary, created_at) "
                + "VALUES (?, ?, 'hot', 1000, 1, 0)", innerId, inner);

        Api.Response refused = plan(outer, "outer-warm");
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.error()).contains("move that dataset first");
        Api.Response reseeded = api.post("/datasets/" + outer + "/seed", Api.json("size_bytes", 10));
        assertThat(reseeded.status()).as(reseeded.body()).isEqualTo(409);
        assertThat(storage.resolve("outer/part-00000")).isRegularFile();
        assertThat(count("SELECT COUNT(*) FROM migration_jobs WHERE dataset_id = ?", outer)).isZero();
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
        long jobId = failedMove(ds, "alias-warm");
        assertThat(api.post("/jobs/retry/" + jobId).status()).isEqualTo(202);
        eventually().until(() -> state(jobId).equals("completed"));
        assertThat(Files.size(storage.resolve("alias-warm"))).isEqualTo(10_000);
    }

    @Test
    void aFailedMoveOfADatasetThatMovedSinceIsNotRetried() throws Exception {
        long ds = createDataset("overtaken", 10_000);
        long failedJob = failedMove(ds, "overtaken-a");
        long other = plan(ds, "overtaken-b").id();
        eventually().until(() -> state(other).equals("completed"));

        Api.Response retried = api.post("/jobs/" + failedJob + "/retry");
        assertThat(retried.status()).as(retried.body()).isEqualTo(409);
        assertThat(retried.error()).contains("has moved since");
        assertThat(state(failedJob)).isEqualTo("failed");
        assertThat(Files.size(storage.resolve("overtaken-b"))).isEqualTo(10_000);
        assertThat(storage.resolve("overtaken-a")).doesNotExist();
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
