package io.regularity.support.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;

import org.junit.jupiter.api.Test;

class OutboxRelayTest {

    @Test
    void theProducerTakesTheServicesKafkaSettingsAndKeepsItsOwnGuarantees() {
        Map<String, Object> kafka = Map.of("bootstrap.servers", "kafka-1:9093", "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512", "ssl.truststore.location", "/etc/kafka/ca.p12", "acks", "1",
                "group.id", "timing-service");
        var config = new OutboxRelay(null, kafka, java.util.List.of("passages"), 12, false, 2000, "timing-service", null, null).producerConfig();
        assertEquals("kafka-1:9093", config.get("bootstrap.servers"));
        assertEquals("SASL_SSL", config.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", config.get("sasl.mechanism"));
        assertEquals("/etc/kafka/ca.p12", config.get("ssl.truststore.location"));
        assertEquals("all", config.get("acks"), "the relay's delivery guarantee wins over a service-wide setting");
        assertEquals("true", config.get("enable.idempotence"));
        assertEquals("timing-service-outbox", config.get("client.id"));
        assertFalse(config.containsKey("group.id"), "a consumer setting");
    }
}
