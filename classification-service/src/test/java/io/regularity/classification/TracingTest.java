package io.regularity.classification;

import static io.regularity.classification.ClassificationTest.T;
import static io.regularity.classification.ClassificationTest.awaitRace;
import static io.regularity.classification.ClassificationTest.awaitTrue;
import static io.regularity.classification.ClassificationTest.putCrew;
import static io.regularity.classification.Events.passageRecorded;
import static io.regularity.classification.Events.raceDefined;
import static io.regularity.classification.Events.route;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.classification.messaging.PassageEventsConsumer;
import io.regularity.testsupport.LogCapture;
import io.regularity.testsupport.RealServers;
import jakarta.inject.Inject;

/**
 * A passage event that carries a {@code traceparent} header (as timing's relay sends it) is scored in that trace: a
 * {@code passages process} span, a child of the span the header names, linked to its batch's {@code score passages}
 * span, which says the standings changed; an event set aside is marked, and logged, in its passage's trace.
 */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "classification"))
class TracingTest {

    static final AttributeKey<String> RACE = AttributeKey.stringKey("regularity.race");

    @Inject
    InMemorySpanExporter spans;

    @Test
    void aPassageIsScoredInTheTraceItsRecordCarries() {
        String race = "r-traced";
        route(race, raceDefined(race, "PENALTIES", 1, "OPEN"));
        awaitRace(race);
        putCrew(race, 1, "1.00");
        // the span of timing's relay that sent the passage, as the record's header names it
        String traceId = IdGenerator.random().generateTraceId();
        String sentIn = IdGenerator.random().generateSpanId();
        Events.passage(race, 1, passageRecorded(race, UUID.randomUUID(), 1, "P1", T, 0));
        RealServers.send("passages", race + "/1", passageRecorded(race, UUID.randomUUID(), 1, "P2", T.plusMillis(12_300), 0),
                Map.of("traceparent", "00-" + traceId + "-" + sentIn + "-01"));
        awaitTrue(() -> given().get("/api/races/" + race + "/standings").path("entries.findAll { it.trialsScored == 1 }.size()")
                .equals(1)); // PC1 scored from both passages

        SpanData process = await("a span of the passage's trace that scores it").atMost(Duration.ofSeconds(10))
                .until(() -> span(s -> s.getTraceId().equals(traceId) && s.getName().equals("passages process")), Optional::isPresent)
                .orElseThrow(() -> new AssertionError("no span of trace " + traceId + " scores the passage; its spans: " + names(traceId)));
        assertEquals(SpanKind.CONSUMER, process.getKind());
        assertEquals(sentIn, process.getParentSpanId(), "a child of the span that sent it");

        // its batch's span: linked both ways, and the standings of the race changed in it
        List<LinkData> links = process.getLinks();
        assertEquals(1, links.size(), "linked to its batch's span: " + links);
        SpanData batch = span(s -> s.getSpanId().equals(links.get(0).getSpanContext().getSpanId())).orElseThrow();
        assertEquals("score passages", batch.getName());
        assertTrue(batch.getLinks().stream().anyMatch(l -> l.getSpanContext().getTraceId().equals(traceId)
                && l.getSpanContext().getSpanId().equals(sentIn)), "the batch links to the passage's trace: " + batch.getLinks());
        List<EventData> changed = batch.getEvents().stream().filter(e -> e.getName().equals("standings changed")).toList();
        assertTrue(changed.stream().anyMatch(e -> race.equals(e.getAttributes().get(RACE))), "the standings changed: " + batch.getEvents());
        System.out.println("[tracing] the spans of trace " + traceId + ": " + names(traceId) + "; its batch: " + batch.getName()
                + " with events " + changed.stream().map(e -> e.getName() + " " + e.getAttributes().get(RACE)).toList());
    }

    @Test
    void anEventSetAsideIsLoggedAndMarkedInItsPassagesTrace() {
        LogCapture capture = LogCapture.of(PassageEventsConsumer.class);
        List<ExtLogRecord> logged = capture.records();
        String traceId = IdGenerator.random().generateTraceId();
        String sentIn = IdGenerator.random().generateSpanId();
        try {
            RealServers.send("passages", "r-traced/2", "{\"type\": \"PassageRecorded\", \"car\": 2, \"unreadable\": true}",
                    Map.of("traceparent", "00-" + traceId + "-" + sentIn + "-01"));
            SpanData process = await("the unreadable event's span").atMost(Duration.ofSeconds(30))
                    .until(() -> span(s -> s.getTraceId().equals(traceId) && s.getName().equals("passages process")), Optional::isPresent)
                    .orElseThrow();
            assertEquals(StatusCode.ERROR, process.getStatus().getStatusCode(), "set aside: " + process.getStatus());
        } finally {
            capture.close();
        }
        ExtLogRecord rejected = logged.stream().filter(r -> r.getFormattedMessage().startsWith("rejected passage event")).findFirst()
                .orElseThrow(() -> new AssertionError("nothing logged: " + logged));
        assertEquals(traceId, rejected.getMdc("traceId"), "logged in the passage's trace: " + rejected.getMdcCopy());
    }

    private Optional<SpanData> span(Predicate<SpanData> wanted) {
        return spans.getFinishedSpanItems().stream().filter(wanted).findFirst();
    }

    private List<String> names(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId))
                .map(s -> s.getName() + " (" + s.getKind() + ", parent " + s.getParentSpanId() + ")").toList();
    }
}
