package routes.infra;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** The pipeline's topics, created up front so the first producer never races auto-creation. */
public final class KafkaTopics {

    public static final List<String> ALL = List.of(
            "access_events", "recommendations", "migration_jobs", "migration_status", "migration_jobs.dlq");

    private KafkaTopics() {
    }

    /** Creates the missing topics; on an external cluster, topics that exist are left as they are. */
    public static void ensure(String bootstrapServers, int partitions, short replicas) throws Exception {
        ensure(bootstrapServers, Map.of(), partitions, replicas);
    }

    /** The same, with the client's security settings ({@link KafkaClientSecurity}). */
    public static void ensure(String bootstrapServers, Map<String, Object> security, int partitions, short replicas)
            throws Exception {
        Map<String, Object> config = new java.util.HashMap<>(security);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = ALL.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, replicas)).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        }
    }
}
