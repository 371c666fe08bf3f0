package io.regularity.support.tracing;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * A span's W3C trace context as text ({@code traceparent}, and {@code tracestate} if it has one): what an outbox row
 * keeps of the request that enqueued it, and what the record it becomes carries in its headers, so the consumer's
 * spans join the same trace. {@link #NONE} when no span was active (tracing off: then nothing is kept or sent).
 */
public record TraceParent(String traceparent, String tracestate) {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    public static final TraceParent NONE = new TraceParent(null, null);

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    /** The trace context of the span current on this thread; {@link #NONE} without one. */
    public static TraceParent current() {
        return of(Context.current());
    }

    /** The trace context of the span in {@code context}; {@link #NONE} without one. */
    public static TraceParent of(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return NONE;
        }
        Map<String, String> carrier = new HashMap<>(4);
        W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
        return new TraceParent(carrier.get(TRACEPARENT), carrier.get(TRACESTATE));
    }

    /** What a Kafka record's headers say (the last of each header); {@link #NONE} without a {@code traceparent}. */
    public static TraceParent of(Headers headers) {
        String parent = text(headers.lastHeader(TRACEPARENT));
        return parent == null ? NONE : new TraceParent(parent, text(headers.lastHeader(TRACESTATE)));
    }

    private static String text(Header header) {
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public boolean present() {
        return traceparent != null;
    }

    /**
     * As the parent of a span started elsewhere (another thread, another service): a context holding the remote span
     * this trace context names, the root context if there is none or it does not parse.
     */
    public Context context() {
        if (!present()) {
            return Context.root();
        }
        Map<String, String> carrier = new HashMap<>(4);
        carrier.put(TRACEPARENT, traceparent);
        if (tracestate != null) {
            carrier.put(TRACESTATE, tracestate);
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), carrier, MAP);
    }

    /** The trace id (32 hex digits), or null without a trace context that parses. */
    public String traceId() {
        SpanContext span = Span.fromContext(context()).getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }

    /** The id of the span this trace context names as the parent (16 hex digits), or null without one that parses. */
    public String spanId() {
        SpanContext span = Span.fromContext(context()).getSpanContext();
        return span.isValid() ? span.getSpanId() : null;
    }

    /** Sets the headers of a Kafka record (nothing without a trace context). */
    public void addTo(Headers headers) {
        if (!present()) {
            return;
        }
        headers.remove(TRACEPARENT).add(TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        headers.remove(TRACESTATE);
        if (tracestate != null && !tracestate.isEmpty()) {
            headers.add(TRACESTATE, tracestate.getBytes(StandardCharsets.UTF_8));
        }
    }
}
