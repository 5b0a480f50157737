package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import routes.support.Api;
import routes.support.ServiceTestSupport;

/** A corpus of malformed bodies sent to every POST and PATCH endpoint: each gets a 4xx with a JSON
 *  error, never a 5xx; no row, file or topic record changes; and the service still answers. */
class MalformedCorpusTest extends ServiceTestSupport {

    private static final int MAX_BODY = 65_536;

    /** An endpoint; {@code emptyIsValid}: it takes no body, so an empty one is a real request. */
    record Endpoint(String method, String path, boolean emptyIsValid) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** One malformed request body, with the Content-Type it is sent with. */
    record Bad(String name, byte[] body, String contentType) {
        @Override
        public String toString() {
            return name;
        }

        static Bad json(String name, String body) {
            return new Bad(name, body.getBytes(StandardCharsets.UTF_8), "application/json");
        }
    }

    private record State(Map<String, Long> rows, List<String> files, Map<String, Long> records) {
    }

    private long datasetId;
    private long jobId;
    private State before;
    private Admin admin;

    @Override
    protected Map<String, String> overrides() {
        return Map.of("dim.http.max-body-bytes", Integer.toString(MAX_BODY));
    }

    @BeforeAll
    void aDatasetAPolicyAndAFinishedJob() throws Exception {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort));
        datasetId = createDataset("corpus", 4096);
        assertThat(api.post("/policies", Api.json("name", "corpus-policy")).status()).isEqualTo(201);
        jobId = api.post("/plan-migration", Api.json("dataset_id", datasetId, "storage_class", "warm",
                "target_location", fileUri("corpus-warm"))).id();
        eventually().until(() -> api.get("/jobs/" + jobId).json().path("state").asText().equals("completed"));
        Thread.sleep(500); // the completed transition's status record lands
        before = state();
    }

    @AfterAll
    void closeAdmin() {
        if (admin != null) {
            admin.close();
        }
    }

    List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("POST", "/datasets", false),
                new Endpoint("PATCH", "/datasets/" + datasetId, false),
                new Endpoint("POST", "/datasets/" + datasetId + "/seed", true),
                new Endpoint("POST", "/datasets/" + datasetId + "/replicas", false),
                new Endpoint("POST", "/access-events", false),
                new Endpoint("POST", "/policies", false),
                new Endpoint("POST", "/stores", false),
                new Endpoint("POST", "/train", true),
                new Endpoint("POST", "/plan-migration", false),
                new Endpoint("POST", "/simulate", false),
                new Endpoint("POST", "/jobs/" + jobId + "/inject-failure", true),
                new Endpoint("POST", "/jobs/" + jobId + "/retry", true),
                new Endpoint("POST", "/jobs/retry/" + jobId, true));
    }

    static List<Bad> corpus() {
        List<Bad> c = new ArrayList<>();
        c.add(Bad.json("truncated object", "{\"name\": \"x\", \"path_uri\": "));
        c.add(Bad.json("truncated string", "{\"name\": \"unterminated"));
        c.add(Bad.json("lone brace", "{"));
        c.add(Bad.json("trailing comma", "{\"name\":\"x\",}"));
        c.add(Bad.json("single quotes", "{'name':'x'}"));
        c.add(Bad.json("comment", "/* hi */ {\"name\":\"x\"}"));
        c.add(Bad.json("NaN", "{\"name\":\"nan\",\"size_bytes\":NaN,\"dataset_id\":NaN,\"latency_slo_ms\":NaN}"));
        c.add(Bad.json("two documents", "{\"a\":1}{\"b\":2}"));
        c.add(Bad.json("null", "null"));
        c.add(Bad.json("a number", "42"));
        c.add(Bad.json("a string", "\"hello\""));
        c.add(Bad.json("true", "true"));
        c.add(Bad.json("wrong types", "{\"name\":5,\"path_uri\":[\"file:///x\"],\"size_bytes\":\"big\",\"dataset_id\":{},"
                + "\"op\":7,\"storage_class\":false,\"target_location\":1,\"latency_slo_ms\":\"fast\",\"uri_prefix\":[],"
                + "\"algorithm\":3,\"policy_id\":\"one\",\"after_objects\":\"many\",\"generate\":\"yes\",\"trace\":{},\"store\":[]}"));
        c.add(Bad.json("huge numbers", "{\"name\":12345678901234567890123456789012345678901234567890,\"size_bytes\":1e400,"
                + "\"dataset_id\":99999999999999999999999,\"latency_slo_ms\":-1e400,\"policy_id\":1e400,"
                + "\"after_objects\":1e400,\"storage_class\":1e400,\"generate\":{\"seed\":1e400,\"datasets\":1e400,\"days\":1e400},"
                + "\"uri_prefix\":1e400,\"algorithm\":1e400,\"op\":1e400}"));
        c.add(Bad.json("deep nesting", "[".repeat(5000) + "]".repeat(5000)));
        c.add(Bad.json("deep object nesting", "{\"a\":".repeat(3000) + "1" + "}".repeat(3000)));
        c.add(Bad.json("raw control characters", "{\"name\":\"a\u0000b\u0007\",\"path_uri\":\"file:///\u0001\"}"));
        c.add(Bad.json("escaped NULs", "{\"n\\u0000ame\":\"x\",\"\\u0000\":1}"));
        c.add(Bad.json("homoglyph keys", "{\"n\u0430me\":\"x\",\"d\u0430taset_id\":1,\"\u0430lgorithm\":\"x\",\"uri_pr\u0435fix\":\"s3://x\"}"));
        c.add(Bad.json("lone surrogate keys", "{\"\\ud800\":\"x\",\"\\udfff\":1}"));
        c.add(new Bad("invalid UTF-8", new byte[] {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', ':', (byte) 0xFF, '}'},
                "application/json"));
        c.add(new Bad("BOM then garbage", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '{'}, "application/json"));
        c.add(Bad.json("whitespace only", "  \n\t "));
        c.add(new Bad("text/plain", "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8), "text/plain"));
        c.add(new Bad("form", "name=x&size_bytes=1".getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded"));
        c.add(new Bad("xml", "<dataset><name>x</name></dataset>".getBytes(StandardCharsets.UTF_8), "application/xml"));
        c.add(new Bad("multipart", "--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n--b--\r\n"
                .getBytes(StandardCharsets.UTF_8), "multipart/form-data; boundary=b"));
        c.add(Bad.json("oversized", "{\"name\":\"" + "x".repeat(MAX_BODY + 10) + "\"}"));
        c.add(Bad.json("oversized array", "[" + "{},".repeat(MAX_BODY / 3 + 10) + "{}]"));
        c.add(Bad.json("empty", ""));
        return c;
    }

    Stream<Arguments> cases() {
        return endpoints().stream().flatMap(e -> corpus().stream()
                .filter(b -> !(e.emptyIsValid() && b.body().length > 0 && new String(b.body(), StandardCharsets.UTF_8)
                        .isBlank()))
                .filter(b -> !(e.emptyIsValid() && b.body().length == 0))
                .map(b -> Arguments.of(e, b)));
    }

    private State state() throws Exception {
        Map<String, Long> rows = new java.util.TreeMap<>();
        for (String table : List.of("datasets", "replicas", "policies", "stores", "migration_jobs", "job_events",
                "job_objects", "models", "recommendations", "access_aggregates", "dead_letters")) {
            rows.put(table, count("SELECT COUNT(*) FROM " + table));
        }
        rows.put("datasets.updated_at", count("SELECT COALESCE(SUM(updated_at), 0) FROM datasets"));
        rows.put("migration_jobs.updated_at", count("SELECT COALESCE(SUM(updated_at), 0) FROM migration_jobs"));
        List<String> files;
        try (Stream<Path> walk = Files.walk(storage)) {
            files = walk.map(p -> storage.relativize(p) + ":" + (Files.isRegularFile(p) ? p.toFile().length() : -1))
                    .sorted().toList();
        }
        Map<String, Long> records = new java.util.TreeMap<>();
        for (String topic : List.of("access_events", "migration_jobs", "migration_jobs.dlq", "recommendations")) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions();
            Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
            partitions.forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            records.put(topic, admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToLong(i -> i.offset()).sum());
        }
        return new State(rows, files, records);
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("cases")
    void aMalformedRequestGetsA4xxJsonErrorAndChangesNothing(Endpoint endpoint, Bad bad) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(endpoint.path())).timeout(Duration.ofSeconds(30))
                .header("Content-Type", bad.contentType())
                .method(endpoint.method(), HttpRequest.BodyPublishers.ofByteArray(bad.body()));
        HttpResponse<String> r;
        try {
            r = api.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException closed) {
            // an oversized body may be cut off by the server before the client has sent it all
            assertThat(bad.name()).startsWith("oversized");
            r = null;
        }
        if (r != null) {
            assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
            assertThat(r.headers().firstValue("Content-Type")).as(r.body()).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/json"));
            assertThat(new Api.Response(r.statusCode(), r.body(), "").error()).as(r.body()).isNotBlank();
        }
        assertThat(state()).as("nothing changed").isEqualTo(before);
        assertThat(api.get("/health").status()).as("the service still answers").isEqualTo(200);
    }
}
