package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import routes.catalog.CostHistory;
import routes.move.StepGate;
import routes.support.Api;
import routes.support.Cli;
import routes.support.ServiceTestSupport;

/**
 * A policy's min_redundancy end to end, over two file stores: a secondary replica is copied, verified
 * and recorded in another store by a replicate job on the move pipeline (Kafka, leases, retries, DLQ),
 * its source untouched; a corrupted copy fails the job and records nothing; a later move of the primary
 * keeps the secondary; bad input is refused and changes nothing.
 */
class RedundancyTest extends ServiceTestSupport {

    private long twice;

    @BeforeAll
    void twoStoresAndAPolicyForTwoCopies() {
        Api.Response store = api.post("/stores", Api.json("name", "second", "uri_prefix", fileUri("second")));
        assertThat(store.status()).as(store.body()).isEqualTo(201);
        Api.Response policy = api.post("/policies", Api.json("name", "twice", "min_redundancy", 2));
        assertThat(policy.status()).as(policy.body()).isEqualTo(201);
        twice = policy.id();
    }

    private long governed(String name, long size) {
        long ds = createDataset(name, size);
        assertThat(api.patch("/datasets/" + ds, Api.json("policy_id", twice)).status()).isEqualTo(200);
        return ds;
    }

    private Api.Response replicate(long ds, String store) {
        return api.post("/datasets/" + ds + "/replicas", Api.json("store", store));
    }

    private String state(long jobId) {
        return api.get("/jobs/" + jobId).json().path("state").asText();
    }

    private List<String> timeline(long jobId) {
        List<String> states = new java.util.ArrayList<>();
        api.get("/jobs/" + jobId).json().path("events").forEach(e -> states.add(e.path("state").asText()));
        return states;
    }

    private JsonNode secondary(JsonNode dataset) {
        for (JsonNode r : dataset.path("replicas")) {
            if (!r.path("is_primary").asBoolean()) {
                return r;
            }
        }
        return null;
    }

    @Test
    void aSecondaryIsCountedWhereItIsStoredAndBilled() {
        long size = 777_777;
        long ds = governed("r-cost", size);
        CostHistory history = context.getRegistry().lookupByNameAndType("costHistory", CostHistory.class);
        CostHistory.TierCost before = history.record().tiers().get("cold");
        long job = replicate(ds, "second").id();
        eventually().until(() -> state(job).equals("completed"));

        // the copy sits in the second store's cold class: its bytes and its price count there
        CostHistory.TierCost after = history.record().tiers().get("cold");
        assertThat(after.sizeBytes() - before.sizeBytes()).isEqualTo(size);
        assertThat(after.costPerMonth() - before.costPerMonth())
                .isCloseTo(size / (1024.0 * 1024 * 1024) * 0.004, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(after.datasets()).as("datasets count where their primary is").isEqualTo(before.datasets());
        // the gauges price every copy the same way
        eventually().untilAsserted(() -> assertThat(metric("dim_dataset_size_bytes", "tier=\"cold\""))
                .isEqualTo((double) history.record().tiers().get("cold").sizeBytes()));
        // and the dataset list shows each dataset with its replicas, as the overview prices them
        JsonNode listed = null;
        for (JsonNode d : api.get("/datasets?limit=1000").json().path("items")) {
            listed = d.path("id").asLong() == ds ? d : listed;
        }
        assertThat(listed).isNotNull();
        assertThat(listed.path("replicas")).hasSize(2);
        assertThat(secondary(listed).path("uri").asText()).isEqualTo(fileUri("second/cold/r-cost"));
    }

    @Test
    void aSecondaryIsVerifiedInAnotherStoreAndALaterMoveOfThePrimaryKeepsIt() throws Exception {
        long ds = governed("r1", 300_000);
        String sha = sha256(storage.resolve("r1"));
        Api.Response planned = replicate(ds, "second");
        assertThat(planned.status()).as(planned.body()).isEqualTo(202);
        JsonNode job = planned.json();
        assertThat(job.path("kind").asText()).isEqualTo("replicate");
        assertThat(job.path("storage_class").asText()).as("the store's cheapest class").isEqualTo("cold");
        assertThat(job.path("target_uri").asText()).isEqualTo(fileUri("second/cold/r1"));
        assertThat(replicate(ds, "second").id()).as("the same request, the same job").isEqualTo(planned.id());

        // the timeline is written from migration_status, so it may trail the job's state by a moment
        eventually().until(() -> timeline(planned.id()).contains("completed"));
        JsonNode done = api.get("/jobs/" + planned.id()).json();
        assertThat(timeline(planned.id())).contains("copying", "verifying", "switching").doesNotContain("deleting");
        assertThat(done.path("objects")).allMatch(o -> o.path("verified").asBoolean());
        JsonNode dataset = api.get("/datasets/" + ds).json();
        assertThat(dataset.path("path_uri").asText()).as("the primary stays").isEqualTo(fileUri("r1"));
        assertThat(dataset.path("replicas")).hasSize(2);
        JsonNode copy = secondary(dataset);
        assertThat(copy.path("uri").asText()).isEqualTo(fileUri("second/cold/r1"));
        assertThat(copy.path("checksum_sha256").asText()).isEqualTo(sha);
        assertThat(sha256(storage.resolve("r1"))).as("the source is untouched").isEqualTo(sha);
        assertThat(sha256(storage.resolve("second/cold/r1"))).isEqualTo(sha);
        Api.Response seed = api.post("/datasets/" + ds + "/seed");
        assertThat(seed.status()).as("new data would leave the secondary stale").isEqualTo(409);
        assertThat(sha256(storage.resolve("r1"))).isEqualTo(sha);
        assertThat(readTopic("migration_status").stream().filter(e -> e.path("job_id").asLong() == planned.id()
                && e.path("state").asText().equals("completed")).toList())
                .singleElement().satisfies(e -> assertThat(e.path("kind").asText()).isEqualTo("replicate"));

        // the primary moves within local: the secondary is untouched
        Api.Response move = api.post("/plan-migration", Api.json("dataset_id", ds, "storage_class", "warm",
                "target_location", fileUri("r1-warm")));
        assertThat(move.status()).as(move.body()).isEqualTo(202);
        eventually().until(() -> state(move.id()).equals("completed"));
        JsonNode moved = api.get("/datasets/" + ds).json();
        assertThat(moved.path("path_uri").asText()).isEqualTo(fileUri("r1-warm"));
        assertThat(moved.path("replicas")).hasSize(2);
        assertThat(secondary(moved)).isEqualTo(copy);
        assertThat(sha256(storage.resolve("second/cold/r1"))).isEqualTo(sha);
        assertThat(storage.resolve("r1")).doesNotExist();

        // the primary may not join its secondary in one store: that would leave one distinct copy
        Api.Response together = api.post("/plan-migration", Api.json("dataset_id", ds, "storage_class", "hot",
                "target_location", fileUri("second/hot/r1")));
        assertThat(together.status()).as(together.body()).isEqualTo(409);
        assertThat(together.field()).isEqualTo("target_location");
        assertThat(together.error()).contains("already holds a secondary replica");
        assertThat(count("SELECT COUNT(*) FROM migration_jobs WHERE dataset_id = ?", ds)).isEqualTo(2);
    }

    @Test
    void aCorruptedCopyFailsTheJobAndRecordsNoReplicaUntilARetryCompletes() throws Exception {
        long ds = governed("r2", 200_000);
        String sha = sha256(storage.resolve("r2"));
        Path target = storage.resolve("second/cold/r2");
        StepGate gate = context.getRegistry().lookupByNameAndType("stepGate", StepGate.class);
        gate.holdBefore("verifying");
        long jobId = replicate(ds, "second").id();
        // every try (the first and two redeliveries, as configured for the tests) finds its copy corrupted
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(gate.awaitHeld(60)).as("try %d held before verifying", attempt).isTrue();
            Files.writeString(target, "not the data");
            if (attempt < 3) {
                gate.releaseAndHoldBefore("verifying");
            } else {
                gate.release();
            }
        }
        eventually().until(() -> state(jobId).equals("failed"));
        JsonNode failed = api.get("/jobs/" + jobId).json();
        assertThat(failed.path("error").asText()).contains("hashes to").contains("the copy was discarded");
        assertThat(api.get("/datasets/" + ds).json().path("replicas")).hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM replicas WHERE dataset_id = ? AND is_primary = 0", ds)).isZero();
        assertThat(target).as("the corrupt copy is discarded").doesNotExist();
        assertThat(sha256(storage.resolve("r2"))).isEqualTo(sha);
        List<JsonNode> dead = readTopic("migration_jobs.dlq").stream()
                .filter(r -> r.path("job").path("id").asLong() == jobId).toList();
        assertThat(dead).singleElement().satisfies(d -> assertThat(d.path("job").path("kind").asText())
                .isEqualTo("replicate"));

        assertThat(api.post("/jobs/" + jobId + "/retry").status()).isEqualTo(202);
        eventually().until(() -> state(jobId).equals("completed"));
        assertThat(secondary(api.get("/datasets/" + ds).json()).path("checksum_sha256").asText()).isEqualTo(sha);
        assertThat(sha256(target)).isEqualTo(sha);
    }

    @Test
    void theCliMakesAReplicaAndShowsEveryReplica() throws Exception {
        long ds = governed("r4", 50_000);
        String sha = sha256(storage.resolve("r4"));
        Cli dim = new Cli(api.base());
        Cli.Run made = dim.run("migrate", "replicate", "--dataset", Long.toString(ds), "--store", "second", "--watch");
        assertThat(made.exit()).as(made.err()).isZero();
        assertThat(made.out()).contains("kind").contains("replicate").contains("replica at " + fileUri("second/cold/r4"));
        assertThat(Files.isSameFile(storage.resolve("r4"), storage.resolve("second/cold/r4")))
                .as("a replica is a copy of its own, also on the same file system (a move would link)").isFalse();
        Cli.Run shown = dim.run("dataset", "show", Long.toString(ds));
        assertThat(shown.exit()).as(shown.err()).isZero();
        assertThat(shown.out()).containsPattern("yes +hot .* " + fileUri("r4") + " +" + sha.substring(0, 12))
                .containsPattern("no +cold .* " + fileUri("second/cold/r4") + " +" + sha.substring(0, 12));
        Cli.Run again = dim.run("migrate", "replicate", "--dataset", Long.toString(ds), "--store", "local");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("holds the primary");
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        long ds = governed("r3", 4096);
        refused(replicate(ds, "nowhere"), 404, "store", "no store named 'nowhere'");
        refused(replicate(ds, "local"), 409, "store", "holds the primary");
        refused(api.post("/datasets/" + ds + "/replicas", "{}"), 400, "store", "store");
        refused(api.post("/datasets/" + ds + "/replicas", Api.json("store", "second", "copies", 2)), 400, "copies", "");
        refused(api.post("/datasets/" + ds + "/replicas", Api.json("store", "second", "storage_class", "lukewarm")),
                400, "storage_class", "hot, warm, cold");
        refused(api.post("/datasets/" + ds + "/replicas", Api.json("store", "second",
                "target_location", fileUri("elsewhere/r3"))), 400, "target_location", "not in store 'second'");
        refused(api.post("/datasets/" + ds + "/replicas", Api.json("store", "second",
                "target_location", "file:///etc/r3")), 400, "target_location", "outside the storage roots");
        refused(replicate(987_654, "second"), 404, "id", "no dataset");
        refused(replicate(-1, "second"), 400, "id", "positive integer");
        assertThat(count("SELECT COUNT(*) FROM migration_jobs WHERE dataset_id = ?", ds)).isZero();
        assertThat(count("SELECT COUNT(*) FROM replicas WHERE dataset_id = ?", ds)).isEqualTo(1);
        assertThat(storage.resolve("second/cold/r3")).doesNotExist();

        // two stores cannot give three copies: neither a new policy nor an edit may ask for it
        refused(api.post("/policies", Api.json("name", "thrice", "min_redundancy", 3)), 422, "min_redundancy",
                "only 2 registered store(s)");
        assertThat(count("SELECT COUNT(*) FROM policies WHERE name = 'thrice'")).isZero();
        refused(api.patch("/policies/" + twice, Api.json("min_redundancy", 3)), 422, "min_redundancy",
                "min_redundancy 3");
        assertThat(api.get("/policies/" + twice).json().path("min_redundancy").asInt()).isEqualTo(2);
    }

    private static void refused(Api.Response r, int status, String field, String message) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.field()).isEqualTo(field);
        assertThat(r.error()).contains(message);
    }
}
