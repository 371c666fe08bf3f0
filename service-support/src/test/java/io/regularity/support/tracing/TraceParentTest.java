package io.regularity.support.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

class TraceParentTest {

    static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aTraceContextGoesThroughARecordsHeadersAndBackAsAParent() {
        TraceParent sent = new TraceParent(PARENT, "vendor=x");
        RecordHeaders headers = new RecordHeaders();
        sent.addTo(headers);
        TraceParent read = TraceParent.of(headers);
        assertEquals(sent, read);
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", read.traceId());
        assertEquals("00f067aa0ba902b7", read.spanId());
        var parent = Span.fromContext(read.context()).getSpanContext();
        assertEquals(read.traceId(), parent.getTraceId());
        assertEquals(read.spanId(), parent.getSpanId());
        assertEquals(true, parent.isSampled());
        assertEquals(true, parent.isRemote());
        assertEquals(sent, TraceParent.of(read.context()), "written again as it was read");
    }

    @Test
    void withoutASpanThereIsNothingToKeepOrSend() {
        assertSame(TraceParent.NONE, TraceParent.current());
        assertSame(TraceParent.NONE, TraceParent.of(new RecordHeaders()));
        RecordHeaders headers = new RecordHeaders();
        TraceParent.NONE.addTo(headers);
        assertEquals(0, headers.toArray().length);
        assertFalse(Span.fromContext(TraceParent.NONE.context()).getSpanContext().isValid());
        assertSame(Context.root(), TraceParent.NONE.context());
        assertNull(TraceParent.NONE.traceId());
    }

    @Test
    void aHeaderThatDoesNotParseGivesNoParent() {
        TraceParent garbled = new TraceParent("00-not-a-trace-01", null);
        assertFalse(Span.fromContext(garbled.context()).getSpanContext().isValid());
        assertSame(TraceParent.NONE, TraceParent.of(garbled.context()));
        assertNull(garbled.traceId());
    }
}
