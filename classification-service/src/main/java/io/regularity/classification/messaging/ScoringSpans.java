package io.regularity.classification.messaging;

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.regularity.support.tracing.TraceParent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The spans of a batch of passage events scored together. A batch holds the passages of many posts, each in the trace
 * its post started (the record's {@code traceparent} header), so it gets two kinds of span: {@code score passages},
 * one for the batch, current while it is scored (its log lines, the standings it changes) and linked to every
 * passage's trace; and {@code passages process}, one in each passage's trace (a child of the span that sent it,
 * linked back to the batch's), from the batch's start to its end. Following a passage's trace id thus leads to the
 * scoring of its batch. With tracing off every span is a no-op.
 */
@ApplicationScoped
public class ScoringSpans {

    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation");
    static final AttributeKey<Long> COUNT = AttributeKey.longKey("messaging.batch.message_count");
    static final AttributeKey<Long> PARTITION = AttributeKey.longKey("messaging.destination.partition.id");
    static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.message.offset");

    private final Tracer tracer;

    public ScoringSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** A record of the batch: its place on the topic and the trace it carries. */
    public record Traced(int partition, long offset, TraceParent trace) {
    }

    /** Starts a batch's spans and makes the batch's current; close it on the thread that started it. */
    public Batch start(String topic, List<Traced> records) {
        var builder = tracer.spanBuilder("score " + topic).setNoParent().setSpanKind(SpanKind.INTERNAL)
                .setAttribute(SYSTEM, "kafka").setAttribute(DESTINATION, topic).setAttribute(COUNT, (long) records.size());
        List<SpanContext> parents = new ArrayList<>(records.size());
        for (Traced r : records) {
            SpanContext parent = r.trace().present() ? Span.fromContext(r.trace().context()).getSpanContext() : SpanContext.getInvalid();
            parents.add(parent);
            if (parent.isValid()) {
                builder.addLink(parent); // beyond quarkus.otel.span.link.count.limit (128) the SDK drops them
            }
        }
        Span batch = builder.startSpan();
        List<Span> passages = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            Traced r = records.get(i);
            passages.add(!parents.get(i).isValid() ? Span.getInvalid()
                    : tracer.spanBuilder(topic + " process").setParent(r.trace().context()).setSpanKind(SpanKind.CONSUMER)
                            .addLink(batch.getSpanContext()).setAttribute(SYSTEM, "kafka").setAttribute(DESTINATION, topic)
                            .setAttribute(OPERATION, "process").setAttribute(PARTITION, (long) r.partition())
                            .setAttribute(OFFSET, r.offset()).startSpan());
        }
        // tracing off: nothing made current (Quarkus would write an all-zero trace id into the log lines' MDC)
        return new Batch(batch, batch.getSpanContext().isValid() ? batch.makeCurrent() : Scope.noop(), passages);
    }

    /** A batch being scored. */
    public static final class Batch implements AutoCloseable {
        private final Span batch;
        private final Scope scope;
        private final List<Span> passages;

        Batch(Span batch, Scope scope, List<Span> passages) {
            this.batch = batch;
            this.scope = scope;
            this.passages = passages;
        }

        /** The record at {@code index} (in the batch's order) could not be scored: set aside, for {@code reason}. */
        public void setAside(int index, String reason) {
            passages.get(index).setStatus(StatusCode.ERROR, reason);
            batch.addEvent("set aside: " + reason);
        }

        /** Runs {@code work} in the trace of the record at {@code index} (a line it logs carries that trace id). */
        public void inTraceOf(int index, Runnable work) {
            Span passage = passages.get(index);
            if (!passage.getSpanContext().isValid()) {
                work.run();
                return;
            }
            try (Scope current = passage.makeCurrent()) {
                work.run();
            }
        }

        @Override
        public void close() {
            scope.close();
            passages.forEach(Span::end);
            batch.end();
        }
    }
}
