package routes.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

class KafkaClientSecurityTest {

    @Test
    void camelsKafkaSecurityKeysBecomeTheAdminClientsProperties() {
        Map<String, String> props = Map.of(
                "camel.component.kafka.security-protocol", "SASL_SSL",
                "camel.component.kafka.sasl-mechanism", "SCRAM-SHA-512",
                "camel.component.kafka.sasl-jaas-config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"dim\" password=\"s\";",
                "camel.component.kafka.sslTruststoreLocation", "/etc/kafka/truststore.p12",
                "camel.component.kafka.ssl-truststore-password", "  trust  ",
                "camel.component.kafka.ssl-keystore-location", "",
                "camel.component.kafka.poll-timeout-ms", "1000");
        Map<String, Object> client = KafkaClientSecurity.from(k -> Optional.ofNullable(props.get(k)));
        assertThat(client).containsOnly(
                Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                Map.entry("sasl.jaas.config", props.get("camel.component.kafka.sasl-jaas-config")),
                Map.entry("ssl.truststore.location", "/etc/kafka/truststore.p12"),
                Map.entry("ssl.truststore.password", "trust"));
    }

    @Test
    void nothingSetPassesNothing() {
        assertThat(KafkaClientSecurity.from(k -> Optional.empty())).isEmpty();
    }

    @Test
    void everyMappedPropertyIsARealKafkaClientSetting() {
        assertThat(AdminClientConfig.configNames()).containsAll(KafkaClientSecurity.KEYS.values());
        assertThat(ConsumerConfig.configNames()).containsAll(KafkaClientSecurity.KEYS.values());
    }

    @Test
    void camelCaseSpellingsAreDerived() {
        assertThat(KafkaClientSecurity.camelCase("ssl-truststore-location")).isEqualTo("sslTruststoreLocation");
    }
}
