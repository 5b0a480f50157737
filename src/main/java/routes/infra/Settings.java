package routes.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import routes.classify.RuleParams;

/** The application's own keys from {@code application.properties} (each overridable by an
 *  environment variable such as {@code DIM_DATA_DIR}), read once at start-up. */
public record Settings(
        Path dataDir,
        List<Path> storageRoots,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        String kafkaBootstrapServers,
        int kafkaEmbeddedPort,
        int kafkaEmbeddedControllerPort,
        int kafkaPartitions,
        short kafkaReplicationFactor,
        String instanceId,
        Duration leaseDuration,
        Duration leaseRenewal,
        Duration window,
        Duration eventIdRetention,
        long maxSeedBytes,
        long progressEveryBytes,
        long progressGapMillis,
        int moverParallelism,
        int maxEventsPerRequest,
        long maxBodyBytes,
        RuleParams classifierDefaults,
        String apiKeys,
        boolean metricsPublic,
        Optional<String> pauseAt) {

    public static Settings from(CamelContext context) {
        PropertiesComponent p = context.getPropertiesComponent();
        Path dataDir = Path.of(get(p, "dim.data-dir", "data")).toAbsolutePath().normalize();
        String roots = get(p, "dim.storage.roots", "");
        List<Path> storageRoots = roots.isBlank()
                ? List.of(dataDir.resolve("storage"))
                : Arrays.stream(roots.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .map(s -> Path.of(s).toAbsolutePath().normalize()).toList();
        String jdbcUrl = get(p, "dim.db.url", "");
        if (jdbcUrl.isBlank()) {
            jdbcUrl = "jdbc:sqlite:" + dataDir.resolve("dim.db");
        }
        return new Settings(
                dataDir,
                storageRoots,
                jdbcUrl,
                get(p, "dim.db.user", ""),
                get(p, "dim.db.password", ""),
                get(p, "dim.kafka.bootstrap-servers", ""),
                Integer.parseInt(get(p, "dim.kafka.embedded.port", "9092")),
                Integer.parseInt(get(p, "dim.kafka.embedded.controller-port", "9093")),
                Integer.parseInt(get(p, "dim.kafka.partitions", "3")),
                Short.parseShort(get(p, "dim.kafka.replication-factor", "1")),
                get(p, "dim.instance-id", ""),
                Duration.ofSeconds(Long.parseLong(get(p, "dim.cluster.lease-seconds", "15"))),
                Duration.ofSeconds(Long.parseLong(get(p, "dim.cluster.renew-seconds", "5"))),
                Duration.ofSeconds(Long.parseLong(get(p, "dim.ingest.window-seconds", "300"))),
                Duration.ofSeconds(Long.parseLong(get(p, "dim.ingest.event-id-retention-seconds", "86400"))),
                Long.parseLong(get(p, "dim.seed.max-bytes", "10737418240")),
                Long.parseLong(get(p, "dim.mover.progress-every-bytes", "8388608")),
                Long.parseLong(get(p, "dim.mover.progress-min-interval-ms", "500")),
                Integer.parseInt(get(p, "dim.mover.parallelism", "4")),
                Integer.parseInt(get(p, "dim.ingest.max-batch", "10000")),
                Long.parseLong(get(p, "dim.http.max-body-bytes", "4194304")),
                new RuleParams(
                        Long.parseLong(get(p, "dim.classify.hot-accesses", "10")),
                        Duration.ofSeconds(Long.parseLong(get(p, "dim.classify.hot-within-seconds", "86400"))),
                        Duration.ofSeconds(Long.parseLong(get(p, "dim.classify.cold-after-seconds", "2592000"))),
                        Duration.ofSeconds(Long.parseLong(get(p, "dim.classify.lookback-seconds", "604800")))),
                get(p, "dim.api.keys", ""),
                Boolean.parseBoolean(get(p, "dim.api.metrics-public", "true")),
                Optional.of(get(p, "dim.test.pause-at", "")).filter(s -> !s.isBlank()));
    }

    /** host-port: unique among instances (two on one host have two ports) and the same after a
     *  restart, so a restarted instance resumes its own jobs at once instead of waiting out their leases. */
    static String defaultInstanceId(CamelContext context) {
        String host = System.getenv().getOrDefault("HOSTNAME", "");
        if (host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "localhost";
            }
        }
        return host + "-" + get(context.getPropertiesComponent(), "dim.http.port", "8080");
    }

    private static String get(PropertiesComponent p, String key, String fallback) {
        return p.resolveProperty(key).map(String::trim).orElse(fallback);
    }
}
