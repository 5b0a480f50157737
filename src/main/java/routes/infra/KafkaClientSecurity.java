package routes.infra;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Kafka client security settings, read once from Camel's own keys
 * ({@code camel.component.kafka.security-protocol}, {@code sasl-mechanism}, {@code sasl-jaas-config},
 * {@code ssl-truststore-location}, ...) and given as Kafka client properties
 * ({@code security.protocol}, {@code sasl.mechanism}, ...) to the clients the service makes itself
 * (topic creation, the health probe's Admin client), so they reach a SASL/SSL cluster exactly as
 * Camel's consumers and producers do. Only keys that are set are passed on.
 */
public final class KafkaClientSecurity {

    /** Camel's Kafka component option (dashed) → the Kafka client property it stands for. */
    static final Map<String, String> KEYS = keys();

    private KafkaClientSecurity() {
    }

    private static Map<String, String> keys() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("security-protocol", "security.protocol");
        m.put("sasl-mechanism", "sasl.mechanism");
        m.put("sasl-jaas-config", "sasl.jaas.config");
        m.put("sasl-kerberos-service-name", "sasl.kerberos.service.name");
        m.put("ssl-protocol", "ssl.protocol");
        m.put("ssl-enabled-protocols", "ssl.enabled.protocols");
        m.put("ssl-endpoint-algorithm", "ssl.endpoint.identification.algorithm");
        m.put("ssl-truststore-location", "ssl.truststore.location");
        m.put("ssl-truststore-password", "ssl.truststore.password");
        m.put("ssl-truststore-type", "ssl.truststore.type");
        m.put("ssl-keystore-location", "ssl.keystore.location");
        m.put("ssl-keystore-password", "ssl.keystore.password");
        m.put("ssl-keystore-type", "ssl.keystore.type");
        m.put("ssl-key-password", "ssl.key.password");
        return Map.copyOf(m);
    }

    /** The Kafka client properties for the settings {@code property} knows (a Camel property
     *  lookup), under either spelling Camel accepts: {@code camel.component.kafka.sasl-mechanism}
     *  or {@code camel.component.kafka.saslMechanism}. */
    public static Map<String, Object> from(Function<String, Optional<String>> property) {
        Map<String, Object> client = new LinkedHashMap<>();
        KEYS.forEach((option, kafkaKey) -> property.apply("camel.component.kafka." + option)
                .or(() -> property.apply("camel.component.kafka." + camelCase(option)))
                .map(String::trim).filter(v -> !v.isEmpty())
                .ifPresent(v -> client.put(kafkaKey, v)));
        return client;
    }

    static String camelCase(String dashed) {
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char c : dashed.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }
}
