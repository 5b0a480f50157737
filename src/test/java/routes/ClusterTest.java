package routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import routes.infra.EmbeddedKafka;
import routes.support.Api;
import routes.support.FreePorts;
import routes.support.PostgresServer;
import routes.support.ServiceProcess;
import routes.support.ServiceTestSupport;
import routes.support.SseRecorder;

/**
 * Three instances in one consumer group on one Kafka broker (three partitions) and one PostgreSQL,
 * sharing a storage root: 200 datasets move while one instance, the leader of the window-closing
 * route and holding a job inside its switch transaction, is killed with SIGKILL. Every dataset ends
 * at its destination with its checksum, every job switched and completed once, the leader's work
 * moved to a survivor, and every acknowledged access event counted once, a batch re-sent after its
 * instance died mid-request included.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterTest {

    private static final int DATASETS = 200;
    private static final int SIZE = 262_144;

    private final Path work = temp();
    private final Path storage = work.resolve("storage");
    private PostgresServer postgres;
    private EmbeddedKafka broker;
    private JdbcTemplate sql;
    private final Map<String, ServiceProcess> instances = new HashMap<>();

    @BeforeAll
    void startCluster() throws Exception {
        Files.createDirectories(storage);
        postgres = new PostgresServer();
        String url = postgres.createDatabase("dim");
        sql = new JdbcTemplate(new DriverManagerDataSource(url, "dim", ""));
        broker = new EmbeddedKafka(work.resolve("kafka"), FreePorts.next(), FreePorts.next());
        broker.start();
        for (String name : List.of("a", "b", "c")) {
            Map<String, String> env = new HashMap<>(Map.of(
                    "DIM_INSTANCE_ID", name,
                    "DIM_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                    "DIM_KAFKA_PARTITIONS", "3",
                    "DIM_DB_URL", url,
                    "DIM_DB_USER", "dim",
                    "DIM_STORAGE_ROOTS", storage.toString(),
                    "DIM_CLUSTER_LEASE_SECONDS", "6",
                    "DIM_CLUSTER_RENEW_SECONDS", "2",
                    "DIM_CLASSIFY_INTERVAL", "2s",
                    "DIM_MOVER_PARALLELISM", "2"));
            ServiceProcess instance = new ServiceProcess(work.resolve(name), FreePorts.next(), env);
            // a starts first, so it leads the master: routes; it will also hold its first job
            // inside the switch transaction until it is killed
            instance.start(name.equals("a") ? Map.of("DIM_TEST_PAUSE_AT", "switch-commit") : Map.of());
            instances.put(name, instance);
        }
    }

    @AfterAll
    void stopCluster() throws Exception {
        for (ServiceProcess instance : instances.values()) {
            instance.stop();
        }
        if (broker != null) {
            broker.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void killingAnInstanceHalfWayLosesNoMigrationAndNoEvent() throws Exception {
        Api a = instances.get("a").api();
        Api b = instances.get("b").api();
        Api c = instances.get("c").api();
        List<Api> all = List.of(a, b, c);

        eventually().untilAsserted(() -> assertThat(moverPartitions(all)).hasSize(3));
        assertThat(leader("windows")).isEqualTo("a");

        List<Long> datasets = new ArrayList<>();
        Map<Long, String> checksums = new HashMap<>();
        for (int i = 0; i < DATASETS; i++) {
            Api.Response created = all.get(i % 3).post("/datasets", Api.json("name", "ds" + i,
                    "path_uri", "file://" + storage.resolve("ds" + i), "size_bytes", SIZE, "auto_seed", true));
            assertThat(created.status()).isEqualTo(201);
            datasets.add(created.id());
            checksums.put(created.id(), created.json().path("checksum_sha256").asText());
        }

        AtomicBoolean posting = new AtomicBoolean(true);
        AtomicInteger acknowledged = new AtomicInteger();
        Thread client = new Thread(() -> postEvents(all, datasets, posting, acknowledged));
        client.start();

        try (SseRecorder stream = SseRecorder.connect(c)) {
            eventually().until(stream::connected);
            Map<Long, Long> jobs = new HashMap<>();
            for (int i = 0; i < DATASETS; i++) {
                long ds = datasets.get(i);
                Api.Response planned = all.get(i % 3).post("/plan-migration", Api.json("dataset_id", ds,
                        "storage_class", "warm", "target_location", "file://" + storage.resolve("moved/ds" + i)));
                assertThat(planned.status()).isEqualTo(202);
                jobs.put(ds, planned.id());
            }

            // half-way, with a holding a job inside its switch transaction: kill it
            eventually().until(() -> Files.exists(work.resolve("a").resolve("held-switch-commit"))
                    && completed() >= DATASETS / 2);
            List<Long> abandoned = sql.queryForList("SELECT id FROM migration_jobs WHERE owner = 'a' "
                    + "AND state NOT IN ('completed', 'failed')", Long.class);
            assertThat(abandoned).as("the job a is holding").isNotEmpty();
            instances.get("a").kill();
            long recommendationsAtKill = count("SELECT COALESCE(MAX(id), 0) FROM recommendations");

            Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                    .until(() -> completed() == DATASETS);

            // the jobs a died with were taken over by a survivor, and switched once
            for (long job : abandoned) {
                assertThat(sql.queryForObject("SELECT owner FROM migration_jobs WHERE id = ?", String.class, job))
                        .isIn("b", "c");
            }
            for (long ds : datasets) {
                long job = jobs.get(ds);
                JsonNode dataset = b.get("/datasets/" + ds).json();
                String target = dataset.path("path_uri").asText();
                assertThat(target).endsWith("/moved/ds" + datasets.indexOf(ds));
                assertThat(dataset.path("replicas")).as("one replica: the switch ran once").hasSize(1);
                assertThat(ServiceTestSupport.sha256(Path.of(target.substring("file://".length()))))
                        .isEqualTo(checksums.get(ds));
                assertThat(storage.resolve("ds" + datasets.indexOf(ds))).doesNotExist();
                assertThat(count("SELECT COUNT(*) FROM migration_jobs WHERE id = ? AND state = 'completed' "
                        + "AND switched_at IS NOT NULL", job)).isEqualTo(1);
            }
            Map<Long, Integer> completions = completionsPublished();
            assertThat(completions).hasSize(DATASETS);
            assertThat(completions.values()).as("each job completed exactly once").containsOnly(1);
            // c's SSE stream showed every job, wherever it ran
            eventually().untilAsserted(() -> jobs.values().forEach(job -> assertThat(stream.forJob(job))
                    .anyMatch(e -> e.path("state").asText().equals("completed"))));
            assertThat(b.get("/jobs?state=completed&limit=1").json().path("total").asLong()).isEqualTo(DATASETS);

            // the window-closing route moved to a survivor, and runs there
            eventually().until(() -> Set.of("b", "c").contains(leader("windows")));
            eventually().until(() -> count("SELECT COALESCE(MAX(id), 0) FROM recommendations") > recommendationsAtKill);
            // the survivors now own every partition
            eventually().untilAsserted(() -> assertThat(moverPartitions(List.of(b, c))).hasSize(3));
        }

        posting.set(false);
        client.join();
        assertThat(acknowledged.get()).isGreaterThan(0);
        eventually().untilAsserted(() -> assertThat(count("SELECT COALESCE(SUM(read_count), 0) FROM access_aggregates"))
                .as("events counted of %d acknowledged (%s)", acknowledged.get(), ingestState())
                .isGreaterThanOrEqualTo(acknowledged.get()));
        Thread.sleep(2000); // anything counted twice would show up by now
        assertThat(count("SELECT SUM(read_count) FROM access_aggregates")).isEqualTo(acknowledged.get());
    }

    /**
     * Batches of read events with unique ids to every instance in turn, counting those acknowledged. Like
     * any client, a batch that got no 202 (its instance was killed mid-request, perhaps after the events
     * reached Kafka) is sent again, with the same ids, to the next instance: the ids make that safe.
     */
    private static void postEvents(List<Api> instances, List<Long> datasets, AtomicBoolean posting,
                                   AtomicInteger acknowledged) {
        for (int batch = 0; posting.get(); batch++) {
            StringBuilder events = new StringBuilder("[");
            for (int i = 0; i < 10; i++) {
                long ds = datasets.get((batch * 10 + i) % datasets.size());
                events.append(i > 0 ? "," : "").append(Api.json("dataset_id", ds, "op", "read", "size_bytes", 1,
                        "event_id", "e" + batch + "-" + i + "-d" + ds));
            }
            String body = events.append(']').toString();
            for (int attempt = 0; ; attempt++) {
                if (post(instances.get((batch + attempt) % instances.size()), body)) {
                    acknowledged.addAndGet(10);
                    break;
                }
            }
        }
    }

    private static boolean post(Api instance, String body) {
        try {
            return instance.post("/access-events", body).status() == 202;
        } catch (AssertionError deadInstance) {
            return false;
        }
    }

    /** The mover partitions the instances' /health reports assigned to them, checked disjoint. */
    private static Set<String> moverPartitions(List<Api> instances) {
        Set<String> union = new HashSet<>();
        for (Api api : instances) {
            for (JsonNode p : api.get("/health").json().path("kafka").path("assigned_partitions").path("dim-mover")) {
                assertThat(union.add(p.asText())).as("partition %s assigned twice", p.asText()).isTrue();
            }
        }
        return union;
    }

    /** Per job, how many "completed" transitions the migration_status topic carries. */
    private Map<Long, Integer> completionsPublished() throws Exception {
        Map<Long, Integer> out = new HashMap<>();
        for (JsonNode e : ServiceTestSupport.readTopic(broker.bootstrapServers(), "migration_status")) {
            if (e.path("state").asText().equals("completed")) {
                out.merge(e.path("job_id").asLong(), 1, Integer::sum);
            }
        }
        return out;
    }

    /** Where ingestion stands, for a failure message: event ids seen, offsets stored and in Kafka. */
    private String ingestState() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.partitionsFor("access_events").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList());
            return "event ids " + count("SELECT COUNT(*) FROM ingest_event_ids") + ", datasets short "
                    + sql.queryForList("SELECT e.ds || ':' || e.n || '/' || COALESCE(a.r, 0) FROM (SELECT "
                    + "CAST(split_part(event_id, '-d', 2) AS BIGINT) AS ds, COUNT(*) AS n FROM ingest_event_ids "
                    + "GROUP BY 1) e LEFT JOIN (SELECT dataset_id, SUM(read_count) AS r FROM access_aggregates "
                    + "GROUP BY 1) a ON a.dataset_id = e.ds WHERE e.n <> COALESCE(a.r, 0)", String.class)
                    + ", stored offsets "
                    + sql.queryForList("SELECT partition || ':' || next_offset FROM ingest_offsets ORDER BY partition",
                    String.class) + ", end offsets " + end;
        }
    }

    private String leader(String namespace) {
        return sql.queryForList("SELECT owner FROM cluster_leases WHERE namespace = ?", String.class, namespace)
                .stream().findFirst().orElse("");
    }

    private long completed() {
        return count("SELECT COUNT(*) FROM migration_jobs WHERE state = 'completed'");
    }

    private long count(String query, Object... args) {
        Long n = sql.queryForObject(query, Long.class, args);
        return n == null ? 0 : n;
    }

    private static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250));
    }

    private static Path temp() {
        try {
            return Files.createTempDirectory("dim-cluster").toRealPath();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
