package io.regularity.support.outbox;

import java.util.Collections;
import java.util.List;

import javax.sql.DataSource;

import io.quarkus.arc.properties.IfBuildProperty;
import io.regularity.support.persistence.Jdbc;
import io.regularity.support.tracing.TraceParent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * The one way a service announces a change: its events are written to the {@code outbox} table inside the
 * transaction that makes the change (so an event goes out if and only if the change is stored), and the
 * {@link OutboxRelay} sends them to Kafka once that transaction has committed. Nobody else needs to know the relay
 * exists. The table is service-support's too: its migration is {@code db/outbox/R__outbox.sql}, a Flyway location
 * every service with an outbox includes. Each row keeps the trace context of the span it was enqueued under (the
 * request's), which the relay sends as the record's {@code traceparent} header.
 */
@ApplicationScoped
@IfBuildProperty(name = "regularity.outbox.enabled", stringValue = "true")
public class Outbox {

    /** Rows were enqueued: the relay observes this after the transaction succeeds. */
    public record Enqueued(String topic, int rows) {
    }

    private final DataSource dataSource;
    private final Event<Enqueued> enqueued;

    public Outbox(DataSource dataSource, Event<Enqueued> enqueued) {
        this.dataSource = dataSource;
        this.enqueued = enqueued;
    }

    /** Queues one event under the current span's trace; only inside the caller's transaction. */
    @Transactional(TxType.MANDATORY)
    public void enqueue(String topic, String key, String payload) {
        enqueue(topic, List.of(key), List.of(payload));
    }

    /**
     * Queues events in the given order ({@code keys} and {@code payloads} pairwise), all under the current span's trace,
     * in one statement; only inside the caller's transaction.
     */
    @Transactional(TxType.MANDATORY)
    public void enqueue(String topic, List<String> keys, List<String> payloads) {
        enqueue(topic, keys, payloads, Collections.nCopies(keys.size(), TraceParent.current()));
    }

    /**
     * Queues events in the given order, each under its own trace ({@code keys}, {@code payloads} and {@code traces}
     * pairwise: events of several requests written together), in one statement; only inside the caller's transaction.
     */
    @Transactional(TxType.MANDATORY)
    public void enqueue(String topic, List<String> keys, List<String> payloads, List<TraceParent> traces) {
        if (keys.size() != payloads.size() || keys.size() != traces.size()) {
            throw new IllegalArgumentException(keys.size() + " keys for " + payloads.size() + " payloads and " + traces.size() + " traces");
        }
        if (keys.isEmpty()) {
            return;
        }
        Jdbc.update(dataSource, """
                insert into outbox (topic, message_key, payload, traceparent, tracestate)
                select ?, t.k, t.p, t.tp, t.ts from unnest(?::text[], ?::text[], ?::text[], ?::text[]) with ordinality as t(k, p, tp, ts, n)
                order by t.n
                """, (c, s) -> {
            s.setString(1, topic);
            s.setArray(2, c.createArrayOf("text", keys.toArray()));
            s.setArray(3, c.createArrayOf("text", payloads.toArray()));
            s.setArray(4, c.createArrayOf("text", traces.stream().map(TraceParent::traceparent).toArray()));
            s.setArray(5, c.createArrayOf("text", traces.stream().map(TraceParent::tracestate).toArray()));
        });
        enqueued.fire(new Enqueued(topic, keys.size()));
    }
}
