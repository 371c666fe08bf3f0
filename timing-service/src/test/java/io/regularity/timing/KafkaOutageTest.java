package io.regularity.timing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.testsupport.GoldenEvents;
import io.regularity.testsupport.RealServers;
import io.regularity.testsupport.TopicReader;
import io.restassured.http.ContentType;

/** Kafka goes away while timing posts keep uploading: every acknowledged passage still reaches the topic. */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "timing"))
@org.junit.jupiter.api.condition.DisabledIfSystemProperty(named = "test-servers", matches = "containers",
        disabledReason = "takes the embedded broker away and gives it back; a container's broker is not this test's to stop")
class KafkaOutageTest {

    /** Readiness, as the kubelet asks it: on the management interface. */
    @TestHTTPResource(value = "health/ready", management = true)
    URL ready;

    @Test
    void passagesAcknowledgedWhileKafkaIsDownAreAllPublishedOnceItReturns() throws Exception {
        String race = PassageResourceTest.RACE;
        RealServers.send("route-events", race, GoldenEvents.sample("RaceDefined"));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/races/" + race + "/passages?size=1").statusCode() == 200);

        RealServers.kafka().stop();
        Set<String> posted = new HashSet<>();
        try {
            for (int i = 0; i < 40; i++) {
                UUID id = UUID.randomUUID();
                given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON).body(PassageResourceTest.passage(id, 300 + i % 7, "L1-P01",
                        "2024-06-11T10:00:%02d.000Z".formatted(i))).post("/api/races/" + race + "/passages")
                        .then().statusCode(201);
                posted.add(id.toString());
            }
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                UUID id = UUID.randomUUID();
                batch.add(PassageResourceTest.passage(id, 400 + i % 13, "L1-P02", "2024-06-11T11:00:00.000Z"));
                posted.add(id.toString());
            }
            given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON).body("[" + String.join(",", batch) + "]")
                    .post("/api/races/" + race + "/passages/batch").then().statusCode(200)
                    .body("results.findAll { it.status == 'CREATED' }.size()", org.hamcrest.Matchers.equalTo(300));
            // issue 39: fixes go straight to Kafka, so without it a batch is a 503 saying to send it again (the phone keeps it)
            given().header("Authorization", "Bearer " + io.regularity.testsupport.Tokens.forTests().crew("crew-301", race, 301))
                    .header("Accept-Language", "en").contentType(ContentType.JSON)
                    .body("[{\"time\": \"2024-06-11T10:00:00.000Z\", \"lat\": 45.5, \"lon\": 9.5, \"source\": \"PHONE\"}]")
                    .post("/api/races/" + race + "/cars/301/fixes").then().statusCode(503).header("Retry-After", "5")
                    .contentType("application/problem+json")
                    .body("detail", org.hamcrest.Matchers.containsString("none is lost, send the same batch again"));
            Thread.sleep(3000); // the relay meets the outage and backs off
            // and timing stays ready all along: on Kubernetes it keeps its place behind the Service, taking passages
            for (int i = 0; i < 10; i++) {
                given().get(ready).then().statusCode(200);
                Thread.sleep(1000);
            }
            UUID late = UUID.randomUUID();
            given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON).body(PassageResourceTest.passage(late, 399,
                    "L1-P01", "2024-06-11T10:01:00.000Z")).post("/api/races/" + race + "/passages").then().statusCode(201);
            posted.add(late.toString());
        } finally {
            RealServers.kafka().restart();
        }

        ObjectMapper json = new ObjectMapper();
        Map<String, Set<String>> eventIdsByPassage = new HashMap<>();
        TopicReader.readUntil(RealServers.kafka().bootstrapServers(), "passages", records -> {
            eventIdsByPassage.clear();
            for (var r : records) {
                JsonNode e = read(json, r.value());
                if (posted.contains(e.path("id").asText())) {
                    eventIdsByPassage.computeIfAbsent(e.get("id").asText(), k -> new HashSet<>()).add(e.get("eventId").asText());
                }
            }
            return eventIdsByPassage.keySet().containsAll(posted);
        }, Duration.ofSeconds(60));
        assertEquals(posted, eventIdsByPassage.keySet());
        // redelivery after an unacknowledged send repeats the same event: a consumer sees each passage once
        eventIdsByPassage.forEach((passage, eventIds) -> assertEquals(1, eventIds.size(), "passage " + passage));
    }

    private static JsonNode read(ObjectMapper json, String value) {
        try {
            return json.readTree(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
