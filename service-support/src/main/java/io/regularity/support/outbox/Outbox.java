package io.regularity.support.outbox;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

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
    private final ObjectMapper json;
    private final Event<Enqueued> enqueued;

    public Outbox(DataSource dataSource, ObjectMapper json, Event<Enqueued> enqueued) {
        this.dataSource = dataSource;
        this.json = json;
        this.enqueued = enqueued;
    }

    /** Queues one event under the current span's trace; only inside the caller's transaction. */
    @Transactional(TxType.MANDATORY)
    public void enqueue(OutboxEvent event) {
        enqueue(List.of(event), List.of(TraceParent.current()));
    }

    /**
     * Queues events in the given order, each under its own trace ({@code events} and {@code traces} pairwise: events of
     * several requests written together), in one statement; only inside the caller's transaction.
     */
    @Transactional(TxType.MANDATORY)
    public void enqueue(List<? extends OutboxEvent> events, List<TraceParent> traces) {
        if (events.size() != traces.size()) {
            throw new IllegalArgumentException(events.size() + " events and " + traces.size() + " traces");
        }
        if (events.isEmpty()) {
            return;
        }
        List<String> payloads = new ArrayList<>(events.size());
        for (OutboxEvent event : events) {
            payloads.add(write(event));
        }
        Jdbc.update(dataSource, """
                insert into outbox (topic, message_key, payload, traceparent, tracestate)
                select t.topic, t.k, t.p, t.tp, t.ts
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) with ordinality as t(topic, k, p, tp, ts, n)
                order by t.n
                """, (c, s) -> {
            s.setArray(1, c.createArrayOf("text", events.stream().map(OutboxEvent::topic).toArray()));
            s.setArray(2, c.createArrayOf("text", events.stream().map(OutboxEvent::key).toArray()));
            s.setArray(3, c.createArrayOf("text", payloads.toArray()));
            s.setArray(4, c.createArrayOf("text", traces.stream().map(TraceParent::traceparent).toArray()));
            s.setArray(5, c.createArrayOf("text", traces.stream().map(TraceParent::tracestate).toArray()));
        });
        events.stream().map(OutboxEvent::topic).distinct()
                .forEach(topic -> enqueued.fire(new Enqueued(topic, (int) events.stream().filter(e -> e.topic().equals(topic)).count())));
    }

    /** An event as its record carries it. */
    public String write(OutboxEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the " + event.getClass().getSimpleName() + " event could not be written as JSON", e);
        }
    }
}
