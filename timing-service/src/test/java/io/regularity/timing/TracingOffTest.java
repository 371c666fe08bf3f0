package io.regularity.timing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.regularity.testsupport.GoldenEvents;
import io.regularity.testsupport.RealServers;
import io.regularity.testsupport.TopicReader;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/** With tracing off, as by default outside the tests: no span is recorded, and the record carries no trace header. */
@QuarkusTest
@TestProfile(TracingOffTest.Off.class)
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "timing"))
class TracingOffTest {

    /** What production runs without OTEL_SDK_DISABLED=false. */
    public static class Off implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "true");
        }
    }

    static final String RACE = "golden-race";

    @Inject
    InMemorySpanExporter spans;

    @Test
    void aPostedPassageReachesKafkaWithoutATraceAndNoSpanIsRecorded() {
        RealServers.send("route-events", RACE, GoldenEvents.sample("RaceDefined"));
        UUID id = UUID.randomUUID();
        await().atMost(Duration.ofSeconds(30)).until(() -> given().header("Authorization", RealServers.timekeeper("*"))
                .contentType(ContentType.JSON).body(PassageResourceTest.passage(id, 66, "L1-P02", "2024-06-11T09:26:00.000Z"))
                .post("/api/races/" + RACE + "/passages").statusCode() == 201);
        ConsumerRecord<String, String> record = TopicReader.readUntil(RealServers.kafka().bootstrapServers(), "passages",
                rs -> rs.stream().anyMatch(r -> r.value().contains(id.toString())), Duration.ofSeconds(30))
                .stream().filter(r -> r.value().contains(id.toString())).findFirst().orElseThrow();
        assertNull(record.headers().lastHeader("traceparent"), "no trace header: " + record.headers());
        assertEquals(0, record.headers().toArray().length, "no header at all");
        assertTrue(spans.getFinishedSpanItems().isEmpty(), "no span recorded: " + spans.getFinishedSpanItems());
    }
}
