package io.regularity.support.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.regularity.support.config.SupportConfig;
import io.regularity.support.health.Workers;
import io.regularity.support.persistence.Jdbc;
import io.regularity.support.tracing.TraceParent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Relays the rows of the service's {@code outbox} table ({@link Outbox} writes them) to Kafka in id order, marking
 * them sent only once Kafka has acknowledged them (acks=all, idempotent producer). One relay at a time across
 * instances (an advisory lock), so the order of a key's events is kept. Kafka down: rows wait, the relay retries with
 * backoff. It wakes as soon as a transaction that enqueued rows commits (a transactional observer of
 * {@link Outbox.Enqueued}), else looks once a second.
 *
 * <p>A service turns it on with {@code regularity.outbox.enabled=true} (at build time) and says which topic
 * it creates: {@code regularity.outbox.topic}, {@code .partitions}, {@code .compacted}, {@code .batch-size}.
 * The producer takes every {@code kafka.*} setting the service's consumers take (bootstrap servers, TLS,
 * SASL), then the relay's own delivery guarantees on top.
 *
 * <p>A row enqueued under a trace is sent in a span of that trace ({@code <topic> publish}, from the send to Kafka's
 * acknowledgement), whose context the record carries in its {@code traceparent} (and {@code tracestate}) header: the
 * consumer's spans join the trace of the request that made the event. Rows without one are sent without headers.
 */
@ApplicationScoped
@IfBuildProperty(name = "regularity.outbox.enabled", stringValue = "true")
public class OutboxRelay {

    private final DataSource dataSource;
    private final Map<String, Object> kafka;
    private final List<String> topics;
    private final int partitions;
    private final boolean compacted;
    private final int batchSize;
    private final String clientId;
    private final long lockKey;
    private final Tracer tracer;
    private final Workers workers;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;
    private Producer<String, String> producer;

    @Inject
    public OutboxRelay(DataSource dataSource, @Identifier("default-kafka-broker") Map<String, Object> kafka, SupportConfig config,
            @ConfigProperty(name = "quarkus.application.name") String application, Tracer tracer, Workers workers) {
        this(dataSource, kafka, config.outbox().topic().orElseThrow(() -> new IllegalStateException(
                "regularity.outbox.topic: say the topic(s) of the outbox")), config.outbox().partitions(), config.outbox().compacted(),
                config.outbox().batchSize(), application, tracer, workers);
    }

    public OutboxRelay(DataSource dataSource, Map<String, Object> kafka, List<String> topics, int partitions, boolean compacted, int batchSize,
            String application, Tracer tracer, Workers workers) {
        this.dataSource = dataSource;
        this.kafka = kafka;
        this.topics = List.copyOf(topics);
        this.partitions = partitions;
        this.compacted = compacted;
        this.batchSize = batchSize;
        this.clientId = application + "-outbox";
        this.lockKey = ("outbox:" + topics.get(0)).hashCode();
        this.tracer = tracer;
        this.workers = workers;
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
        thread = workers.start("outbox-relay", this::loop);
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
            for (String topic : topics) {
                NewTopic created = new NewTopic(topic, partitions, (short) -1);
                if (compacted) {
                    created.configs(Map.of("cleanup.policy", "compact"));
                }
                try {
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
        }
    }

    /** Sends one batch of unsent rows, in a transaction of its own; returns how many were acknowledged and marked sent. */
    int relayOnce() {
        return QuarkusTransaction.requiringNew().call(this::relayLocked);
    }

    private int relayLocked() throws Exception {
        if (!Jdbc.query(dataSource, "select pg_try_advisory_xact_lock(?)", (c, s) -> s.setLong(1, lockKey), rs -> rs.getBoolean(1))
                .get(0)) {
            return 0; // another instance relays
        }
        List<Long> ids = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        try {
            Jdbc.each(dataSource, """
                    select id, topic, message_key, payload, traceparent, tracestate from outbox
                    where sent_at is null and failed_at is null order by id limit ?
                    """, 0, (c, s) -> s.setInt(1, batchSize), rs -> {
                        ids.add(rs.getLong(1));
                        Span span = publishSpan(rs.getString(2), new TraceParent(rs.getString(5), rs.getString(6)));
                        spans.add(span);
                        acks.add(send(rs.getString(2), rs.getString(3), rs.getString(4), span));
                    });
            return ids.isEmpty() ? 0 : acknowledged(ids, acks, spans);
        } catch (Exception e) {
            // Kafka away or slow: none of the batch is marked sent, each row goes again later (in a span of its own)
            spans.forEach(span -> span.setStatus(StatusCode.ERROR, "not sent: " + e.getMessage()));
            throw e;
        } finally {
            spans.forEach(Span::end);
        }
    }

    /** Waits for Kafka's acknowledgements, sets aside the rows it can never take, marks the others sent. */
    private int acknowledged(List<Long> ids, List<Future<RecordMetadata>> acks, List<Span> spans) throws Exception {
        producer.flush();
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            try {
                RecordMetadata ack = acks.get(i).get(30, TimeUnit.SECONDS);
                spans.get(i).setAttribute(PARTITION, (long) ack.partition()).setAttribute(OFFSET, ack.offset());
                sent.add(ids.get(i));
            } catch (ExecutionException e) {
                spans.get(i).setStatus(StatusCode.ERROR, String.valueOf(e.getCause().getMessage()));
                if (!(e.getCause() instanceof RecordTooLargeException || e.getCause() instanceof SerializationException
                        || e.getCause() instanceof InvalidTopicException)) {
                    throw e; // Kafka away or slow: the whole batch again, later
                }
                // this row can never be sent: set it aside, so the rows behind it go on
                long id = ids.get(i);
                Log.errorf("outbox row %d can never be sent to Kafka (%s): set aside, see the outbox health check", id,
                        e.getCause().getMessage());
                String failure = e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
                Jdbc.update(dataSource, "update outbox set failed_at = now(), failure = ? where id = ?", (c, s) -> {
                    s.setString(1, failure);
                    s.setLong(2, id);
                });
            }
        }
        Jdbc.update(dataSource, "update outbox set sent_at = now() where id = any(?)",
                (c, s) -> s.setArray(1, c.createArrayOf("bigint", sent.toArray())));
        return ids.size();
    }

    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation");
    private static final AttributeKey<Long> PARTITION = AttributeKey.longKey("messaging.destination.partition.id");
    private static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.message.offset");

    /**
     * The span a row is sent in, a child of the span it was enqueued under; for a row enqueued without a trace, none
     * (the invalid span: records nothing, sends no header).
     */
    private Span publishSpan(String topic, TraceParent trace) {
        if (!trace.present()) {
            return Span.getInvalid();
        }
        return tracer.spanBuilder(topic + " publish").setParent(trace.context()).setSpanKind(SpanKind.PRODUCER)
                .setAttribute(SYSTEM, "kafka").setAttribute(DESTINATION, topic).setAttribute(OPERATION, "publish").startSpan();
    }

    /**
     * Sends a row with its span's trace context in the record's headers; a record the producer refuses at once (too
     * large) is a failed future like any other.
     */
    private Future<RecordMetadata> send(String topic, String key, String payload, Span span) {
        try {
            RecordHeaders headers = new RecordHeaders();
            TraceParent.of(Context.root().with(span)).addTo(headers);
            return producer.send(new ProducerRecord<>(topic, null, key, payload, headers));
        } catch (RecordTooLargeException | SerializationException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Deletes rows Kafka acknowledged more than {@code keep} ago: the outbox is a way out, not a record (the
     * facts are in the service's own tables, the events on the topic). Returns how many went.
     */
    public int purgeSent(Duration keep) {
        return Jdbc.update(dataSource, "delete from outbox where sent_at < now() - ? * interval '1 second'",
                (c, s) -> s.setLong(1, keep.toSeconds()));
    }

    /** Rows waiting to be sent, rows set aside for good, and the age of the oldest waiting row. */
    public record Backlog(long waiting, long failed, Duration oldestWaiting) {
    }

    public Backlog backlog() {
        return Jdbc.query(dataSource, """
                select count(*) filter (where sent_at is null and failed_at is null),
                       count(*) filter (where failed_at is not null),
                       coalesce(extract(epoch from now() - min(created_at) filter (where sent_at is null and failed_at is null)), 0)
                from outbox where sent_at is null
                """, Jdbc.NONE, rs -> new Backlog(rs.getLong(1), rs.getLong(2), Duration.ofMillis((long) (rs.getDouble(3) * 1000))))
                .get(0);
    }

    /** Rows were enqueued in a transaction that has committed: they can go at once (the relay would find them within a second). */
    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Enqueued enqueued) {
        wakeUp.release();
    }
}
