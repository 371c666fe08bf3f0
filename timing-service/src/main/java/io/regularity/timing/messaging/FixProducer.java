package io.regularity.timing.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.regularity.timing.service.FixPublisher;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends fixes to the {@code fixes} topic and waits until the broker acknowledged every one: a plain Kafka producer with
 * the outbox relay's delivery guarantees (acks=all, idempotent), built from the service's {@code kafka.*} settings
 * (bootstrap servers, TLS, SASL) as the relay's is. Why not a SmallRye {@code Emitter}: docs/architecture.md, "Fixes".
 */
@ApplicationScoped
public class FixProducer implements FixPublisher {

    private final Producer<String, String> producer;
    private final ObjectMapper json;

    public FixProducer(@Identifier("default-kafka-broker") Map<String, Object> kafka, ObjectMapper json) {
        this.json = json;
        this.producer = new KafkaProducer<>(producerConfig(kafka), new StringSerializer(), new StringSerializer());
    }

    /** The service's {@code kafka.*} settings, then the delivery guarantees a 202 stands on. */
    static Map<String, Object> producerConfig(Map<String, Object> kafka) {
        Map<String, Object> p = new HashMap<>(kafka);
        p.remove("group.id"); // the application name, for consumers
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // a send blocks at most this long for metadata or buffer space; the batch's deadline bounds the rest
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "timing-service-fixes");
        return p;
    }

    @Override
    public void sendAll(String topic, List<Map.Entry<String, Object>> records, Duration timeout) throws NotAcknowledged {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        try {
            for (Map.Entry<String, Object> record : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, record.getKey(), json.writeValueAsString(record.getValue()))));
            }
            for (Future<RecordMetadata> ack : sent) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            throw new NotAcknowledged("not acknowledged within " + timeout, e);
        } catch (ExecutionException e) {
            Log.warnf("fixes not acknowledged by Kafka: %s", e.getCause() == null ? e : e.getCause().getMessage());
            throw new NotAcknowledged("refused by Kafka", e.getCause());
        } catch (KafkaException | JsonProcessingException e) {
            Log.warnf("fixes not sent to Kafka: %s", e.getMessage());
            throw new NotAcknowledged("not sent", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotAcknowledged("interrupted", e);
        }
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
