package routes.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import routes.Application;
import routes.storage.HashingInputStream;

/**
 * Runs the whole service once per test class exactly as {@code routes.Application} does (Camel
 * Main with application.properties, routes.yaml, the configuration class and its HTTP server), on
 * its own data directory, HTTP port and in-process broker, so tests talk to it as a user does: over
 * HTTP, Kafka and the files it writes. (camel-test-main-junit5 configures the context but does not
 * start Camel Main's HTTP server, which every test here needs.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServiceTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    protected final Path dataDir = temp();
    protected final Path storage = dataDir.resolve("storage");
    protected final int httpPort = FreePorts.next();
    protected final int kafkaPort = FreePorts.next();
    protected final Api api = new Api(httpPort);
    protected Main main;
    protected CamelContext context;
    private PostgresServer postgres;

    @BeforeAll
    void startService() throws Exception {
        main = new Main(Application.class);
        if (onPostgres()) {
            postgres = new PostgresServer();
            main.addOverrideProperty("dim.db.url", postgres.createDatabase("dim"));
            main.addOverrideProperty("dim.db.user", "dim");
        }
        beforeStart(main);
        configuration().forEach((k, v) -> main.addOverrideProperty(k.toString(), v.toString()));
        main.start();
        context = main.getCamelContext();
    }

    @AfterAll
    void stopService() throws Exception {
        if (main != null) {
            main.stop();
            main.shutdown();
        }
    }

    private Properties configuration() {
        Properties p = new Properties();
        p.setProperty("dim.data-dir", dataDir.toString());
        p.setProperty("dim.http.port", Integer.toString(httpPort));
        p.setProperty("dim.kafka.embedded.port", Integer.toString(kafkaPort));
        p.setProperty("dim.kafka.embedded.controller-port", Integer.toString(FreePorts.next()));
        p.setProperty("dim.mover.retry.initial-delay-ms", "50");
        p.setProperty("dim.mover.retry.max-delay-ms", "200");
        p.setProperty("dim.mover.retry.max-redeliveries", "2");
        p.setProperty("dim.mover.progress-every-bytes", "262144");
        p.setProperty("dim.mover.progress-min-interval-ms", "0");
        overrides().forEach(p::setProperty);
        return p;
    }

    /** Starts what the service will talk to, and binds beans it should use, before it starts. */
    protected void beforeStart(Main main) throws Exception {
    }

    /** Extra configuration a test class needs. */
    protected Map<String, String> overrides() {
        return Map.of();
    }

    @AfterAll
    void removeDataDir() throws Exception {
        stopService();
        main = null;
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** true: the metadata store is a PostgreSQL server started for this class instead of SQLite. */
    protected boolean onPostgres() {
        return false;
    }

    protected JdbcTemplate sql() {
        return new JdbcTemplate(context.getRegistry().lookupByNameAndType("dataSource", javax.sql.DataSource.class));
    }

    protected long count(String sql, Object... args) {
        Long n = sql().queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    protected String fileUri(String name) {
        return "file://" + storage.resolve(name);
    }

    protected long createDataset(String name, long size) {
        Api.Response r = api.post("/datasets", Api.json("name", name, "path_uri", fileUri(name), "size_bytes", size,
                "auto_seed", true));
        if (r.status() != 201) {
            throw new AssertionError("create failed: " + r);
        }
        return r.id();
    }

    /** A dataset named {@code name} at {@code uri}, seeded with {@code objects} objects of {@code size}
     *  bytes in all. */
    protected long seededDataset(String name, String uri, long size, int objects) {
        Api.Response r = api.post("/datasets", Api.json("name", name, "path_uri", uri, "size_bytes", size,
                "auto_seed", true, "seed_objects", objects));
        if (r.status() != 201) {
            throw new AssertionError("create failed: " + r);
        }
        return r.id();
    }

    /** Plans a move of a dataset into {@code tier} at {@code target}; the job's id. */
    protected long plannedMove(long dataset, String tier, String target) {
        Api.Response planned = api.post("/plan-migration", Api.json("dataset_id", dataset, "storage_class", tier,
                "target_location", target));
        if (planned.status() != 202) {
            throw new AssertionError("plan failed: " + planned);
        }
        return planned.id();
    }

    /** Waits until a job completes, failing as soon as it fails; the job's detail. */
    protected JsonNode completedJob(long job) {
        eventually().until(() -> {
            String state = api.get("/jobs/" + job).json().path("state").asText();
            if (state.equals("failed")) {
                throw new AssertionError("job failed: " + api.get("/jobs/" + job).body());
            }
            return state.equals("completed");
        });
        return api.get("/jobs/" + job).json();
    }

    protected static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100));
    }

    /** The sum of the end offsets of a topic's partitions: how many records it ever received. */
    protected long recordsIn(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort))) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions();
            Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
            partitions.forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToLong(i -> i.offset()).sum();
        }
    }

    /** Every record a topic holds, read from the beginning by a plain Kafka consumer. */
    protected List<JsonNode> readTopic(String topic) throws Exception {
        return readTopic("127.0.0.1:" + kafkaPort, topic);
    }

    /** Every record a topic of any broker holds, from the beginning to the end it has now, as JSON. */
    public static List<JsonNode> readTopic(String bootstrapServers, String topic) throws Exception {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<JsonNode> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    records.add(JSON.readTree(r.value()));
                }
            }
        }
        return records;
    }

    /** Sends one record as any producer would. */
    protected void sendRecord(String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** The value of one Prometheus sample from /metrics, 0 when absent. */
    protected double metric(String name, String labels) {
        String sample = labels.isEmpty() ? Pattern.quote(name) : Pattern.quote(name) + "\\{" + labels + "\\}";
        Pattern p = Pattern.compile("^" + sample + " (\\S+)$", Pattern.MULTILINE);
        Matcher m = p.matcher(api.get("/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file);
             HashingInputStream h = new HashingInputStream(in)) {
            return h.drain().sha256Hex();
        }
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    private static Path temp() {
        try {
            return Files.createTempDirectory("dim-test").toRealPath();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
