package routes.infra;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.camel.support.service.ServiceSupport;

/**
 * What the Kafka cluster says about this instance, for {@code GET /health}: whether it answers, and
 * which partitions of each consumer group are assigned to this instance's consumers (they carry the
 * instance id as their client id). One Admin client for the service's lifetime, not one per probe.
 */
public final class KafkaMembership extends ServiceSupport {

    private final String bootstrapServers;
    private final String clientId;
    private final List<String> groups;
    private final Map<String, Object> security;
    private Admin admin;

    public KafkaMembership(String bootstrapServers, String clientId, List<String> groups) {
        this(bootstrapServers, Map.of(), clientId, groups);
    }

    /** {@code security}: the client's security settings ({@link KafkaClientSecurity}). */
    public KafkaMembership(String bootstrapServers, Map<String, Object> security, String clientId,
                           List<String> groups) {
        this.bootstrapServers = bootstrapServers;
        this.security = security;
        this.clientId = clientId;
        this.groups = groups;
    }

    @Override
    protected void doStart() {
        Map<String, Object> config = new java.util.HashMap<>(security);
        config.putAll(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-health",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000));
        admin = Admin.create(config);
    }

    @Override
    protected void doStop() {
        if (admin != null) {
            admin.close();
        }
    }

    /** True when the cluster answers a metadata request. */
    public boolean reachable() {
        try {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    /** Per consumer group, the partitions ("topic-n") assigned to this instance, sorted. */
    public Map<String, List<String>> assignedPartitions() throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups).all()
                .get(3, TimeUnit.SECONDS);
        for (ConsumerGroupDescription group : described.values()) {
            out.put(group.groupId(), group.members().stream().filter(m -> clientId.equals(m.clientId()))
                    .map(MemberDescription::assignment)
                    .flatMap(a -> a.topicPartitions().stream())
                    .map(tp -> tp.topic() + "-" + tp.partition()).sorted().toList());
        }
        return out;
    }
}
