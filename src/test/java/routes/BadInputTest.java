package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import routes.support.Api;
import routes.support.ServiceTestSupport;

/** Every kind of bad request gets a 4xx with {"error", "field"} and changes nothing: no row, no
 *  file, no topic record. */
class BadInputTest extends ServiceTestSupport {

    private long datasetId;
    private long policyId;
    private State before;

    /** Everything a refused request must leave as it was. */
    private record State(long datasets, List<Map<String, Object>> policies, long jobs, long replicas,
                         List<String> files, long events, long jobRecords) {
    }

    @Override
    protected Map<String, String> overrides() {
        return Map.of("dim.http.max-body-bytes", "65536");
    }

    @BeforeAll
    void aDatasetAndAStrictPolicy() {
        datasetId = createDataset("good", 4096);
        assertThat(createDataset("name", "nested", "path_uri", fileUri("shelf/nested"), "size_bytes", 10,
                "auto_seed", true, "seed_objects", 2).status()).isEqualTo(201);
        policyId = api.post("/policies", Api.json("name", "fast", "latency_slo_ms", 20, "max_cost_per_gb_month", 0.05)).id();
        assertThat(api.patch("/datasets/" + datasetId, Api.json("policy_id", policyId)).status()).isEqualTo(200);
    }

    @BeforeEach
    void snapshot() throws Exception {
        before = state();
    }

    private State state() throws Exception {
        List<String> files;
        try (Stream<Path> walk = Files.walk(storage)) {
            files = walk.map(p -> storage.relativize(p).toString()).sorted().toList();
        }
        return new State(count("SELECT COUNT(*) FROM datasets"), sql().queryForList("SELECT * FROM policies ORDER BY id"),
                count("SELECT COUNT(*) FROM migration_jobs"), count("SELECT COUNT(*) FROM replicas"), files,
                recordsIn("access_events"), recordsIn("migration_jobs"));
    }

    private void refused(Api.Response r, int status, String field, String errorPart) throws Exception {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.error()).containsIgnoringCase(errorPart);
        assertThat(r.field()).isEqualTo(field);
        assertThat(state()).as("nothing changed").isEqualTo(before);
    }

    private Api.Response createDataset(Object... fields) {
        return api.post("/datasets", Api.json(fields));
    }

    @Test
    void malformedJsonIsRefused() throws Exception {
        refused(api.post("/datasets", "{\"name\": \"x\", "), 400, null, "malformed JSON");
        refused(api.post("/access-events", "[{]"), 400, null, "malformed JSON");
        refused(api.post("/plan-migration", "not json"), 400, null, "malformed JSON");
        refused(api.post("/policies", ""), 400, null, "empty");
    }

    @Test
    void aBodyThatIsNotJsonIsRefused() throws Exception {
        refused(api.send(HttpRequest.newBuilder(api.uri("/datasets")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=x"))), 415, null, "Content-Type: application/json");
    }

    @Test
    void anOversizedBodyIsRefused() throws Exception {
        String big = "[" + "{\"dataset_id\":1,\"op\":\"read\"},".repeat(4000) + "{\"dataset_id\":1,\"op\":\"read\"}]";
        refused(api.post("/access-events", big), 413, null, "larger than 65536 bytes");
    }

    @Test
    void missingOrWronglyTypedFieldsAreNamed() throws Exception {
        refused(createDataset("path_uri", fileUri("a"), "size_bytes", 1), 400, "name", "name is required");
        refused(createDataset("name", "a", "path_uri", fileUri("a"), "size_bytes", "many"), 400, "size_bytes", "integer");
        refused(createDataset("name", "a", "path_uri", fileUri("a"), "size_bytes", 1, "auto_seed", "yes"), 400,
                "auto_seed", "true or false");
        refused(createDataset("name", "a", "path_uri", fileUri("a"), "size_bytes", 1, "colour", "red"), 400,
                "colour", "unknown field");
        refused(api.post("/plan-migration", Api.json("dataset_id", datasetId, "storage_class", "cold")), 400,
                "target_location", "required");
    }

    @Test
    void negativeSizesAreRefused() throws Exception {
        refused(createDataset("name", "a", "path_uri", fileUri("a"), "size_bytes", -1, "auto_seed", true), 400,
                "size_bytes", "negative");
        refused(api.post("/access-events", Api.json("dataset_id", datasetId, "op", "read", "size_bytes", -5)), 400,
                "size_bytes", "negative");
    }

    @Test
    void unsupportedSchemesAndEscapingPathsAreRefused() throws Exception {
        refused(createDataset("name", "a", "path_uri", "ftp://host/a", "size_bytes", 1, "auto_seed", true), 400,
                "path_uri", "unsupported URI scheme");
        refused(createDataset("name", "a", "path_uri", "file:///etc/passwd-copy", "size_bytes", 1, "auto_seed", true),
                400, "path_uri", "outside the storage roots");
        refused(createDataset("name", "a", "path_uri", fileUri("x/../../../escape"), "size_bytes", 1, "auto_seed", true),
                400, "path_uri", "'..'");
        refused(createDataset("name", "a", "path_uri", "file://host" + storage + "/a", "size_bytes", 1), 400,
                "path_uri", "no host");
        refused(api.post("/plan-migration", Api.json("dataset_id", datasetId, "storage_class", "cold",
                "target_location", "file:///tmp/elsewhere")), 400, "target_location", "outside the storage roots");
        refused(api.post("/plan-migration", Api.json("dataset_id", datasetId, "storage_class", "hot",
                "target_location", "file://" + storage + "/")), 400, "target_location", "a storage root holds datasets");
    }

    @Test
    void aSymlinkOutOfTheRootsIsRefused() throws Exception {
        Path outside = Files.createTempDirectory("dim-outside");
        Path link = Files.createSymbolicLink(storage.resolve("sneaky"), outside);
        before = state();
        try {
            refused(createDataset("name", "a", "path_uri", fileUri("sneaky/a"), "size_bytes", 1, "auto_seed", true),
                    400, "path_uri", "outside the storage roots");
            refused(api.post("/plan-migration", Api.json("dataset_id", datasetId, "storage_class", "cold",
                    "target_location", fileUri("sneaky/good"))), 400, "target_location", "outside the storage roots");
            try (Stream<Path> inside = Files.list(outside)) {
                assertThat(inside).isEmpty();
            }
        } finally {
            Files.delete(link);
            Files.delete(outside);
        }
    }

    @Test
    void unknownIdsAre404() throws Exception {
        refused(api.get("/no-such-endpoint"), 404, null, "no endpoint GET /no-such-endpoint");
        refused(api.send(HttpRequest.newBuilder(api.uri("/datasets/" + datasetId)).DELETE()), 404, null,
                "no endpoint DELETE /datasets/");
        refused(api.get("/datasets/9999"), 404, "id", "no dataset with id 9999");
        refused(api.patch("/datasets/9999", Api.json("name", "x")), 404, "id", "no dataset");
        refused(api.post("/datasets/9999/seed"), 404, "id", "no dataset");
        refused(api.get("/jobs/9999"), 404, "id", "no job");
        refused(api.post("/jobs/9999/retry"), 404, "id", "no job");
        refused(api.post("/jobs/retry/9999"), 404, "id", "no job");
        refused(api.post("/jobs/9999/inject-failure"), 404, "id", "no job");
        refused(api.get("/recommendations?dataset_id=9999"), 404, "dataset_id", "no dataset");
        refused(api.post("/access-events", Api.json("dataset_id", 9999, "op", "read")), 404, "dataset_id", "no dataset");
        refused(api.post("/plan-migration", Api.json("dataset_id", 9999, "storage_class", "cold",
                "target_location", fileUri("x"))), 404, "dataset_id", "no dataset");
        refused(createDataset("name", "a", "path_uri", fileUri("a"), "size_bytes", 1, "policy_id", 9999), 404,
                "policy_id", "no policy");
        refused(api.get("/datasets/abc"), 400, "id", "positive integer");
    }

    @Test
    void oneBadEventRefusesTheWholeBatch() throws Exception {
        String batch = "[" + Api.json("dataset_id", datasetId, "op", "read") + "," + Api.json("dataset_id", datasetId,
                "op", "read") + "," + Api.json("dataset_id", datasetId, "op", "delete") + "]";
        refused(api.post("/access-events", batch), 400, "[2].op", "op must be read or write");
        refused(api.post("/access-events", "[]"), 400, null, "empty");
        refused(api.post("/access-events", Api.json("dataset_id", datasetId, "op", "read", "ts", "yesterday")), 400,
                "ts", "ISO-8601");
    }

    @Test
    void badMovesAreRefused() throws Exception {
        String source = api.get("/datasets/" + datasetId).json().path("path_uri").asText();
        refused(api.post("/plan-migration", Api.json("dataset_id", datasetId, "storage_class", "warm",
                "target_location", source)), 400, "target_location", "current location");
        refused(api.post("/plan-migration", Api.json("dataset_id", datasetId, "storage_class", "warm",
                "target_location", source + "/inside")), 400, "target_location", "inside");
        refused(api.post("/plan-migration", Api.json("dataset_id", datasetId, "storage_class", "lukewarm",
                "target_location", fileUri("t"))), 400, "storage_class", "hot, warm, cold");
        refused(api.post("/plan-migration", Api.json("dataset_id", datasetId, "storage_class", "cold",
                "target_location", fileUri("t"))), 422, "storage_class", "latency SLO of 20 ms");
    }

    @Test
    void aTargetThatHoldsDataIsNeverOverwritten() throws Exception {
        Files.writeString(storage.resolve("occupied"), "someone else's data");
        before = state();
        refused(api.post("/plan-migration", Api.json("dataset_id", datasetId, "storage_class", "hot",
                "target_location", fileUri("occupied"))), 409, "target_location", "already holds data");
        assertThat(Files.readString(storage.resolve("occupied"))).isEqualTo("someone else's data");
    }

    @Test
    void duplicatesAreConflicts() throws Exception {
        refused(createDataset("name", "good", "path_uri", fileUri("other"), "size_bytes", 1, "auto_seed", true), 409,
                "name", "already exists");
        refused(createDataset("name", "other", "path_uri", fileUri("good"), "size_bytes", 1, "auto_seed", true), 409,
                "path_uri", "already lives");
        refused(api.post("/policies", Api.json("name", "fast")), 409, "name", "already exists");
    }

    @Test
    void aNameThatCannotNameAFolderIsRefused() throws Exception {
        for (String name : List.of("..", "a/b", "line\nbreak", "back\\slash")) {
            refused(createDataset("name", name, "path_uri", fileUri("fine"), "size_bytes", 1, "auto_seed", true), 400,
                    "name", "names the dataset's folder");
            refused(api.patch("/datasets/" + datasetId, Api.json("name", name)), 400, "name", "names the dataset's folder");
        }
    }

    @Test
    void anAccessFromTheFutureIsRefused() throws Exception {
        // it would stay the dataset's last access for ever, and the dataset could never turn cold
        refused(api.post("/access-events", Api.json("dataset_id", datasetId, "op", "read", "size_bytes", 1,
                "ts", "2099-01-01T00:00:00Z")), 400, "ts", "in the future");
        assertThat(api.get("/datasets/" + datasetId).json().path("last_access_ts").asText()).doesNotContain("2099");
    }

    @Test
    void anotherSpellingOfATakenLocationIsThatLocation() throws Exception {
        String good = fileUri("good");
        String base = good.substring(0, good.length() - "/good".length());
        for (String spelling : List.of(base + "//good", base + "/%67ood", good + "/", "FILE" + good.substring(4))) {
            refused(createDataset("name", "alias", "path_uri", spelling, "size_bytes", 1), 409, "path_uri",
                    "already lives");
        }
    }

    @Test
    void datasetsMayNotLieInsideOneAnotherNorMoveThere() throws Exception {
        // a dataset around another would move or delete the other's files with its own
        refused(createDataset("name", "around", "path_uri", fileUri("shelf"), "size_bytes", 1), 409, "path_uri",
                "overlaps");
        refused(createDataset("name", "inside", "path_uri", fileUri("shelf/nested/part-00000"), "size_bytes", 1,
                "auto_seed", true), 409, "path_uri", "overlaps");
        for (String target : List.of(fileUri("shelf"), fileUri("shelf/nested/more"), fileUri("shelf//nested/"))) {
            refused(api.post("/plan-migration", Api.json("dataset_id", datasetId, "storage_class", "hot",
                    "target_location", target)), 409, "target_location", "nested");
        }
    }

    @Test
    void invalidPoliciesAreRefused() throws Exception {
        refused(api.post("/policies", Api.json("name", "p", "latency_slo_ms", -1)), 400, "latency_slo_ms", "non-negative");
        refused(api.post("/policies", Api.json("name", "p", "min_redundancy", 0)), 400, "min_redundancy", "1 to 10");
        refused(api.post("/policies", Api.json("name", "p", "max_cost_per_gb_month", -0.01)), 400,
                "max_cost_per_gb_month", "non-negative");
        refused(api.post("/policies", Api.json("name", "p", "mode", "yolo")), 400, "mode", "recommend or auto");
        refused(api.post("/policies", Api.json("name", "p", "colour", "red")), 400, "colour", "unknown field");
        refused(api.post("/policies", Api.json("name", "p", "encryption_required", "yes")), 400, "encryption_required",
                "true or false");
        refused(api.post("/policies", Api.json("name", "p", "preferred_regions", "us-east-1")), 400,
                "preferred_regions", "array");
        refused(api.post("/policies", Api.json("name", "p", "excluded_regions", List.of("eu west"))), 400,
                "excluded_regions", "region names");
        refused(api.post("/policies", Api.json("name", "p", "preferred_regions", List.of("us-east-1", "eu-west-1"),
                "excluded_regions", List.of("eu-west-1"))), 400, "excluded_regions", "both preferred and excluded");
    }

    @Test
    void invalidPolicyEditsAreRefused() throws Exception {
        String path = "/policies/" + policyId;
        refused(api.patch(path, Api.json("mode", "sometimes")), 400, "mode", "recommend or auto");
        refused(api.patch(path, Api.json("latency_slo_ms", -5)), 400, "latency_slo_ms", "non-negative");
        refused(api.patch(path, Api.json("min_redundancy", 11)), 400, "min_redundancy", "1 to 10");
        refused(api.patch(path, Api.json("flavour", "mint")), 400, "flavour", "unknown field");
        refused(api.patch(path, "{\"mode\": null}"), 400, "mode", "must not be null");
        // valid alone, but the edit would both prefer and exclude a region: refused as a whole
        refused(api.patch(path, Api.json("latency_slo_ms", 30, "preferred_regions", List.of("us-east-1"),
                "excluded_regions", List.of("us-east-1"))), 400, "excluded_regions", "both preferred and excluded");
        refused(api.patch("/policies/9999", Api.json("mode", "auto")), 404, "id", "no policy");
        refused(api.get("/policies/9999"), 404, "id", "no policy");
    }

    @Test
    void dataThatCannotBeWrittenCreatesNoDataset() throws Exception {
        Files.writeString(storage.resolve("a-file"), "x");
        before = state();
        refused(createDataset("name", "blocked", "path_uri", fileUri("a-file/inside"), "size_bytes", 1024, "auto_seed",
                true), 507, "path_uri", "could not write the data");
    }

    @Test
    void pathChangesGoThroughMigrationsNotPatch() throws Exception {
        refused(api.patch("/datasets/" + datasetId, Api.json("path_uri", fileUri("elsewhere"))), 400, "path_uri",
                "unknown field");
    }

    @Test
    void retryingAJobThatDidNotFailIsAConflict() throws Exception {
        long other = createDataset("movable", 1024);
        long job = api.post("/plan-migration", Api.json("dataset_id", other, "storage_class", "hot",
                "target_location", fileUri("movable-2"))).id();
        eventually().until(() -> api.get("/jobs/" + job).json().path("state").asText().equals("completed"));
        before = state();
        refused(api.post("/jobs/" + job + "/retry"), 409, "id", "only a failed job");
        refused(api.post("/jobs/" + job + "/inject-failure"), 409, "id", "unfinished job");
    }

}
