package routes.infra;

import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import routes.storage.StoreRegistry;

/** {@code GET /health}: the state of each part the service needs. */
public final class Health {

    /** The report; {@code status} is UP only when every part is. */
    public record Report(String status, String instance, Map<String, Object> kafka, Map<String, Object> database,
                         Map<String, Object> storage) {
    }

    private final DataSource dataSource;
    private final String jdbcUrl;
    private final String instanceId;
    private final String bootstrapServers;
    private final KafkaMembership membership;
    private final boolean embeddedKafka;
    private final StoreRegistry stores;
    private final List<String> roots;

    public Health(DataSource dataSource, String jdbcUrl, String instanceId, String bootstrapServers,
                  KafkaMembership membership, boolean embeddedKafka, StoreRegistry stores, List<String> roots) {
        this.dataSource = dataSource;
        this.jdbcUrl = jdbcUrl;
        this.instanceId = instanceId;
        this.bootstrapServers = bootstrapServers;
        this.membership = membership;
        this.embeddedKafka = embeddedKafka;
        this.stores = stores;
        this.roots = roots;
    }

    public Report check() {
        Map<String, Object> kafka = new LinkedHashMap<>();
        boolean kafkaUp = membership.reachable();
        kafka.put("status", kafkaUp ? "UP" : "DOWN");
        kafka.put("bootstrap_servers", bootstrapServers);
        kafka.put("embedded", embeddedKafka);
        if (kafkaUp) {
            try {
                kafka.put("assigned_partitions", membership.assignedPartitions());
            } catch (Exception e) {
                kafka.put("assigned_partitions_error", e.getMessage());
            }
        }

        Map<String, Object> database = new LinkedHashMap<>();
        boolean dbUp;
        try (Connection c = dataSource.getConnection()) {
            dbUp = c.isValid(2);
        } catch (Exception e) {
            dbUp = false;
            database.put("error", e.getMessage());
        }
        database.put("status", dbUp ? "UP" : "DOWN");
        database.put("url", jdbcUrl.replaceAll("password=[^&;]*", "password=***"));

        Map<String, Object> storage = new LinkedHashMap<>();
        Map<String, String> backends = stores.health();
        boolean storageUp = backends.values().stream().allMatch("UP"::equals);
        storage.put("status", storageUp ? "UP" : "DOWN");
        storage.put("backends", backends);
        storage.put("roots", roots);

        boolean up = kafkaUp && dbUp && storageUp;
        return new Report(up ? "UP" : "DOWN", instanceId, kafka, database, storage);
    }
}
