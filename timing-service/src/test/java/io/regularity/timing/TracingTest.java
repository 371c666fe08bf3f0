package io.regularity.timing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.logging.json.runtime.JsonFormatter;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.support.tracing.TraceParent;
import io.regularity.testsupport.GoldenEvents;
import io.regularity.testsupport.LogCapture;
import io.regularity.testsupport.RealServers;
import io.regularity.testsupport.TopicReader;
import io.regularity.timing.domain.Passage;
import io.regularity.timing.domain.PassageParser.Parsed;
import io.regularity.timing.service.GroupCommit;
import io.regularity.timing.service.PassageService;
import io.regularity.timing.service.PassageService.Status;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * One passage followed from the post to Kafka: the record on {@code passages} carries, in its {@code traceparent}
 * header, the trace of the request that posted it (through the outbox row, and the relay's span), and a line logged
 * for a post carries its trace id in the JSON.
 */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "timing"))
class TracingTest {

    static final String RACE = "golden-race";
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");

    @Inject
    InMemorySpanExporter spans;
    @Inject
    Tracer tracer;
    @Inject
    GroupCommit groupCommit;

    private static boolean raceKnown;

    @BeforeEach
    void theRaceIsKnownFromRouteEvents() {
        if (raceKnown) {
            return;
        }
        RealServers.send("route-events", RACE, GoldenEvents.sample("RaceDefined"));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().header("Authorization", RealServers.timekeeper("*"))
                .contentType(ContentType.JSON).body(PassageResourceTest.passage(UUID.randomUUID(), 1, "L1-START", "2024-06-11T08:00:00.000Z"))
                .post("/api/races/" + RACE + "/passages").statusCode() == 201);
        raceKnown = true;
    }

    @Test
    void aPostedPassageReachesKafkaInThePostsTrace() {
        UUID id = UUID.randomUUID();
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON)
                .body(PassageResourceTest.passage(id, 61, "L1-P02", "2024-06-11T09:20:00.000Z"))
                .post("/api/races/" + RACE + "/passages").then().statusCode(201);

        TraceParent header = TraceParent.of(record(id).headers());
        assertTrue(header.present(), "the record on passages carries a traceparent header");
        SpanData post = await().atMost(Duration.ofSeconds(10))
                .until(() -> span(s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(header.traceId())), Optional::isPresent)
                .orElseThrow();
        assertEquals("/api/races/{raceId}/passages", post.getAttributes().get(ROUTE), "the post's server span: " + post);
        assertEquals("POST /api/races/{raceId}/passages", post.getName());

        // the record was sent in the relay's span, a child of the post's: the header names that span
        SpanData publish = await().atMost(Duration.ofSeconds(10))
                .until(() -> span(s -> s.getSpanId().equals(header.spanId())), Optional::isPresent)
                .orElseThrow();
        assertEquals("passages publish", publish.getName());
        assertEquals(SpanKind.PRODUCER, publish.getKind());
        assertEquals(post.getSpanId(), publish.getParentSpanId());
        assertEquals(post.getTraceId(), publish.getTraceId());
        System.out.println("[tracing] " + post.getName() + " (" + post.getKind() + ") > " + publish.getName() + " (" + publish.getKind()
                + "), trace " + post.getTraceId() + "; the record's traceparent " + header.traceparent());
    }

    @Test
    void aBatchsPassagesReachKafkaInTheBatchsTrace() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON)
                .body("[" + PassageResourceTest.passage(first, 62, "L1-P02", "2024-06-11T09:21:00.000Z") + ","
                        + PassageResourceTest.passage(second, 63, "L1-P02", "2024-06-11T09:22:00.000Z") + "]")
                .post("/api/races/" + RACE + "/passages/batch").then().statusCode(200);

        String traceId = TraceParent.of(record(first).headers()).traceId();
        assertNotNull(traceId, "the record on passages carries a traceparent header");
        assertEquals(traceId, TraceParent.of(record(second).headers()).traceId(), "one post, one trace");
        SpanData post = await().atMost(Duration.ofSeconds(10))
                .until(() -> span(s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(traceId)), Optional::isPresent)
                .orElseThrow();
        assertEquals("POST /api/races/{raceId}/passages/batch", post.getName());
    }

    @Test
    void aPassageTheDatabaseRefusesIsLoggedInItsPostsTraceAndTheJsonLineSaysSo() {
        LogCapture capture = LogCapture.of(PassageService.class);
        List<ExtLogRecord> logged = capture.records();
        // a post's span (the parser refuses control characters, so no HTTP post reaches the database with one): the
        // group commit's writer stores it on a thread of its own, and logs the refusal in the post's trace
        Span post = tracer.spanBuilder("a post").startSpan();
        UUID id = UUID.randomUUID();
        try (Scope current = post.makeCurrent()) {
            Passage nul = new Passage(id, 65, "L1-P\u0000", Instant.parse("2024-06-11T09:25:00Z"), "tk-17", "HOSE", 0);
            assertEquals(Status.INVALID, groupCommit.record(RACE, new Parsed(nul, id.toString(), List.of())).status());
        } finally {
            post.end();
            capture.close();
        }
        ExtLogRecord refused = logged.stream().filter(r -> r.getFormattedMessage().contains("passage " + id + " refused")).findFirst()
                .orElseThrow(() -> new AssertionError("no line logged for the refused passage: " + logged));
        assertEquals(post.getSpanContext().getTraceId(), refused.getMdc("traceId"), "the MDC: " + refused.getMdcCopy());
        assertEquals(post.getSpanContext().getSpanId(), refused.getMdc("spanId"));
        // as quarkus-logging-json writes it in production (%prod.quarkus.log.console.json.enabled)
        String json = new JsonFormatter().format(refused);
        assertTrue(json.contains("\"traceId\":\"" + post.getSpanContext().getTraceId() + "\""), json);
        assertTrue(json.contains("\"spanId\":\"" + post.getSpanContext().getSpanId() + "\""), json);
        System.out.println("[tracing] the line in JSON: " + json);
    }

    private Optional<SpanData> span(Predicate<SpanData> wanted) {
        return spans.getFinishedSpanItems().stream().filter(wanted).findFirst();
    }

    private static ConsumerRecord<String, String> record(UUID passage) {
        return TopicReader.readUntil(RealServers.kafka().bootstrapServers(), "passages",
                rs -> rs.stream().anyMatch(r -> r.value().contains(passage.toString())), Duration.ofSeconds(30))
                .stream().filter(r -> r.value().contains(passage.toString())).findFirst().orElseThrow();
    }
}
