package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import routes.storage.HashingInputStream;
import routes.support.Api;
import routes.support.FreePorts;
import routes.support.S3ProxyServer;
import routes.support.ServiceProcess;
import routes.support.ServiceTestSupport;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The service is killed with SIGKILL at each point of a migration, or of making a secondary replica, and
 * started again: the dataset is readable at exactly the location the database names, with its original
 * bytes, the job completes, and nothing stray is left at either end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashTest {

    @TempDir
    Path work;
    private S3ProxyServer s3Server;
    private S3Client s3;

    @BeforeAll
    void startS3() throws Exception {
        s3Server = S3ProxyServer.withBucket("crash");
        s3 = s3Server.client();
    }

    @AfterAll
    void stopS3() throws Exception {
        s3Server.close();
    }

    @ParameterizedTest(name = "killed at {0}, moving to {1}")
    @CsvSource({
        "copy-object, file", "verifying, file", "verify-object, file", "switching, file", "switch-commit, file",
        "deleting, file", "delete-object, file",
        "copy-object, s3", "switch-commit, s3", "delete-object, s3"})
    void aKillAtAnyPointLosesNothing(String point, String targetScheme) throws Exception {
        Path data = work.resolve(point + "-" + targetScheme);
        Path storage = data.resolve("storage");
        String source = "file://" + storage.resolve("ds");
        String target = targetScheme.equals("file") ? "file://" + storage.resolve("ds-moved")
                : "s3://crash/" + point + "/ds";
        try (ServiceProcess service = new ServiceProcess(data, FreePorts.next(), env())) {
            service.start(Map.of("DIM_TEST_PAUSE_AT", point));
            Api api = service.api();
            long ds = seeded(api, source);
            Map<String, String> original = files(storage.resolve("ds"));
            long job = api.post("/plan-migration", Api.json("dataset_id", ds, "storage_class", "warm",
                    "target_location", target)).id();
            killWhenHeldAndRestart(service, data, point, job);

            JsonNode dataset = api.get("/datasets/" + ds).json();
            assertThat(dataset.path("path_uri").asText()).isEqualTo(target);
            assertThat(dataset.path("replicas")).hasSize(1);
            assertThat(dataset.path("replicas").get(0).path("uri").asText()).isEqualTo(target);
            Map<String, String> moved = targetScheme.equals("file") ? files(storage.resolve("ds-moved"))
                    : objects("crash", point + "/ds");
            assertThat(moved).as("every object, byte for byte, and nothing else").isEqualTo(original);
            assertThat(storage.resolve("ds")).doesNotExist();
            try (Stream<Path> all = Files.walk(storage)) {
                assertThat(all.map(Path::toString).filter(p -> p.endsWith(".dim-partial"))).isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "killed at {0} while making a replica in s3")
    @ValueSource(strings = {"copy-object", "verify-object", "switch-commit"})
    void aKillWhileMakingAReplicaLosesNothing(String point) throws Exception {
        Path data = work.resolve("replica-" + point);
        Path storage = data.resolve("storage");
        String source = "file://" + storage.resolve("ds");
        String target = "s3://crash/replica-" + point + "/ds";
        try (ServiceProcess service = new ServiceProcess(data, FreePorts.next(), env())) {
            service.start(Map.of("DIM_TEST_PAUSE_AT", point));
            Api api = service.api();
            long ds = seeded(api, source);
            Map<String, String> original = files(storage.resolve("ds"));
            long job = api.post("/datasets/" + ds + "/replicas", Api.json("store", "s3", "target_location", target))
                    .id();
            killWhenHeldAndRestart(service, data, point, job);

            // the primary never moved and kept every byte; the secondary holds the same bytes, recorded once
            JsonNode dataset = api.get("/datasets/" + ds).json();
            assertThat(dataset.path("path_uri").asText()).isEqualTo(source);
            assertThat(dataset.path("replicas")).hasSize(2);
            for (JsonNode r : dataset.path("replicas")) {
                assertThat(r.path("is_primary").asBoolean()).isEqualTo(r.path("uri").asText().equals(source));
            }
            assertThat(files(storage.resolve("ds"))).isEqualTo(original);
            assertThat(objects("crash", "replica-" + point + "/ds")).as("every object, byte for byte, and nothing else")
                    .isEqualTo(original);
        }
    }

    /** A dataset of 6 objects, 3 MB in all, seeded at {@code source}. */
    private static long seeded(Api api, String source) {
        return api.post("/datasets", Api.json("name", "ds", "path_uri", source, "size_bytes", 3_000_000,
                "auto_seed", true, "seed_objects", 6)).id();
    }

    /** Kills the service once its job is held at {@code point}, starts it again and waits for the job to
     *  complete. */
    private static void killWhenHeldAndRestart(ServiceProcess service, Path data, String point, long job)
            throws Exception {
        Api api = service.api();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(data.resolve("held-" + point)));
        service.kill();

        service.start(Map.of());
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                api.get("/jobs/" + job).json().path("state").asText().equals("completed"));
    }

    private Map<String, String> env() {
        return Map.of("DIM_S3_ENDPOINT", s3Server.endpoint(), "DIM_S3_PATH_STYLE", "true",
                "DIM_S3_ACCESS_KEY", S3ProxyServer.ACCESS_KEY, "DIM_S3_SECRET_KEY", S3ProxyServer.SECRET_KEY,
                "DIM_STORES", "local,s3", "DIM_STORES_S3_URI_PREFIX", "s3://crash/",
                "DIM_MOVER_PARALLELISM", "2",
                // the killed incarnation's consumer is evicted after 2 s, not 10: the restart resumes sooner
                "CAMEL_COMPONENT_KAFKA_SESSION_TIMEOUT_MS", "2000", "CAMEL_COMPONENT_KAFKA_HEARTBEAT_INTERVAL_MS", "500");
    }

    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString(), ServiceTestSupport.sha256(f));
            }
        }
        return out;
    }

    private Map<String, String> objects(String bucket, String prefix) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + "/")).contents()) {
            try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(o.key()));
                 HashingInputStream h = new HashingInputStream(in)) {
                out.put(o.key().substring(prefix.length() + 1), h.drain().sha256Hex());
            }
        }
        return out;
    }
}
