package io.regularity.support.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Relays the rows of the service's {@code outbox} table to Kafka in id order, marking them sent only once
 * Kafka has acknowledged them (acks=all, idempotent producer). One relay at a time across instances (an
 * advisory lock), so the order of a key's events is kept. Kafka down: rows wait, the relay retries with
 * backoff.
 *
 * <p>A service turns it on with {@code regularity.outbox.enabled=true} (at build time) and says which topic
 * it creates: {@code regularity.outbox.topic}, {@code .partitions}, {@code .compacted}, {@code .batch-size}.
 * The producer takes every {@code kafka.*} setting the service's consumers take (bootstrap servers, TLS,
 * SASL), then the relay's own delivery guarantees on top.
 */
@ApplicationScoped
@IfBuildProperty(name = "regularity.outbox.enabled", stringValue = "true")
public class OutboxRelay {

    private final DataSource dataSource;
    private final Map<String, Object> kafka;
    private final String topic;
    private final int partitions;
    private final boolean compacted;
    private final int batchSize;
    private final String clientId;
    private final long lockKey;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;
    private Producer<String, String> producer;

    public OutboxRelay(DataSource dataSource, @Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "regularity.outbox.topic") String topic,
            @ConfigProperty(name = "regularity.outbox.partitions", defaultValue = "1") int partitions,
            @ConfigProperty(name = "regularity.outbox.compacted", defaultValue = "false") boolean compacted,
            @ConfigProperty(name = "regularity.outbox.batch-size", defaultValue = "500") int batchSize,
            @ConfigProperty(name = "quarkus.application.name") String application) {
        this.dataSource = dataSource;
        this.kafka = kafka;
        this.topic = topic;
        this.partitions = partitions;
        this.compacted = compacted;
        this.batchSize = batchSize;
        this.clientId = application + "-outbox";
        this.lockKey = ("outbox:" + topic).hashCode();
    }

    /** The service's {@code kafka.*} settings, then the relay's delivery guarantees. */
    Map<String, Object> producerConfig() {
        Map<String, Object> p = new HashMap<>(kafka);
        p.remove("group.id"); // the application name, for consumers
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return p;
    }

    void onStart(@Observes StartupEvent event) {
        producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new StringSerializer());
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        wakeUp.release();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }

    /** Tells the relay that rows were committed; it would find them within a second anyway. */
    public void wakeUp() {
        wakeUp.release();
    }

    private void loop() {
        boolean topicReady = false;
        long backoffMs = 100;
        while (running) {
            try {
                if (!topicReady) {
                    ensureTopic();
                    topicReady = true;
                }
                int sent = relayOnce();
                backoffMs = 100;
                if (sent < batchSize) {
                    wakeUp.tryAcquire(1, TimeUnit.SECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                Log.warnf("outbox relay: %s; retrying in %d ms", e.getMessage(), backoffMs);
                try {
                    // a row committed meanwhile says the database is back: try again at once, not after the backoff
                    wakeUp.tryAcquire(backoffMs, TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoffMs = Math.min(backoffMs * 2, 5000);
            }
        }
    }

    private void ensureTopic() throws Exception {
        Map<String, Object> admin = new HashMap<>(kafka);
        admin.remove("group.id");
        admin.put("request.timeout.ms", 5000);
        admin.put("default.api.timeout.ms", 10000);
        try (Admin client = Admin.create(admin)) {
            NewTopic created = new NewTopic(topic, partitions, (short) -1);
            if (compacted) {
                created.configs(Map.of("cleanup.policy", "compact"));
            }
            client.createTopics(List.of(created)).all().get(15, TimeUnit.SECONDS);
            Log.infof("created topic %s (%d partition(s)%s)", topic, partitions, compacted ? ", compacted" : "");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicAuthorizationException || e.getCause() instanceof ClusterAuthorizationException) {
                Log.infof("may not create topic %s (its ACLs allow writing only): it is the operator's to create", topic);
            } else if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** Sends one batch of unsent rows; returns how many were acknowledged and marked sent. */
    int relayOnce() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int sent = relayLocked(c);
                c.commit();
                return sent;
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    private int relayLocked(Connection c) throws Exception {
        try (PreparedStatement lock = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, lockKey);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0; // another instance relays
                }
            }
        }
        List<Long> ids = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(
                "select id, topic, message_key, payload from outbox where sent_at is null and failed_at is null order by id limit ?")) {
            q.setInt(1, batchSize);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    acks.add(send(rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        producer.flush();
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            try {
                acks.get(i).get(30, TimeUnit.SECONDS);
                sent.add(ids.get(i));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RecordTooLargeException || e.getCause() instanceof SerializationException
                        || e.getCause() instanceof InvalidTopicException)) {
                    throw e; // Kafka away or slow: the whole batch again, later
                }
                // this row can never be sent: set it aside, so the rows behind it go on
                Log.errorf("outbox row %d can never be sent to Kafka (%s): set aside, see the outbox health check",
                        ids.get(i), e.getCause().getMessage());
                try (PreparedStatement fail = c.prepareStatement("update outbox set failed_at = now(), failure = ? where id = ?")) {
                    fail.setString(1, e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
                    fail.setLong(2, ids.get(i));
                    fail.executeUpdate();
                }
            }
        }
        try (PreparedStatement mark = c.prepareStatement("update outbox set sent_at = now() where id = any(?)")) {
            mark.setArray(1, c.createArrayOf("bigint", sent.toArray()));
            mark.executeUpdate();
        }
        return ids.size();
    }

    /** Sends a row; a record the producer refuses at once (too large) is a failed future like any other. */
    private Future<RecordMetadata> send(String topic, String key, String payload) {
        try {
            return producer.send(new ProducerRecord<>(topic, key, payload));
        } catch (RecordTooLargeException | SerializationException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Deletes rows Kafka acknowledged more than {@code keep} ago: the outbox is a way out, not a record (the
     * facts are in the service's own tables, the events on the topic). Returns how many went.
     */
    public int purgeSent(Duration keep) throws java.sql.SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement d = c.prepareStatement("delete from outbox where sent_at < now() - ? * interval '1 second'")) {
            d.setLong(1, keep.toSeconds());
            return d.executeUpdate();
        }
    }

    /** Rows waiting to be sent, rows set aside for good, and the age of the oldest waiting row. */
    public record Backlog(long waiting, long failed, Duration oldestWaiting) {
    }

    public Backlog backlog() throws java.sql.SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("""
                select count(*) filter (where sent_at is null and failed_at is null),
                       count(*) filter (where failed_at is not null),
                       coalesce(extract(epoch from now() - min(created_at) filter (where sent_at is null and failed_at is null)), 0)
                from outbox where sent_at is null
                """); ResultSet rs = q.executeQuery()) {
            rs.next();
            return new Backlog(rs.getLong(1), rs.getLong(2), Duration.ofMillis((long) (rs.getDouble(3) * 1000)));
        }
    }
}
