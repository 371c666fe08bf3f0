package io.regularity.classification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.testsupport.GoldenEvents;
import io.regularity.testsupport.RealServers;
import io.regularity.testsupport.TopicReader;
import io.restassured.http.ContentType;

/**
 * Classification's own decisions travel on Kafka (issue 29, a lost database rebuilt from Kafka): every change to a
 * race's entry list, rulings or handled anomalies publishes the race's decisions whole, with a version; a publication
 * newer than what the database holds replaces them (a database restored or started empty), an older one or its own
 * changes nothing.
 */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "classification"))
class DecisionsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static List<JsonNode> published(String race, int atLeast) {
        return TopicReader.readUntil(RealServers.kafka().bootstrapServers(), "race-decisions",
                records -> records.stream().filter(r -> r.key().equals(race)).count() >= atLeast, Duration.ofSeconds(20)).stream()
                .filter(r -> r.key().equals(race)).map(ConsumerRecord::value).map(DecisionsTest::read).toList();
    }

    static JsonNode read(String value) {
        try {
            return JSON.readTree(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyDecisionIsPublishedWholeAndANewerPublicationIsTakenAnOlderOneIsNot() throws Exception {
        String race = "r-decisions";
        Events.route(race, Events.raceDefined(race, "POINTS", 1, "OPEN"));
        ClassificationTest.awaitRace(race);
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON)
                .body(ClassificationTest.crew(7, "1.50", false, "A", null)).put("/api/races/" + race + "/crews/7").then().statusCode(200);
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON)
                .body("{\"type\": \"STEWARD_PENALTY\", \"car\": 7, \"trial\": \"PC1\", \"points\": 40, \"reason\": \"speeding\"}")
                .post("/api/races/" + race + "/rulings").then().statusCode(201);
        List<JsonNode> events = published(race, 2);
        JsonNode last = events.get(events.size() - 1);
        assertEquals("RaceDecisions", last.get("type").asText());
        assertEquals(2, last.get("version").asLong(), "one version per decision");
        assertEquals(7, last.at("/decisions/crew/0/car").asInt());
        assertEquals("speeding", last.at("/decisions/ruling/0/reason").asText());
        // the shape of the golden sample (docs/events.md), but for the anomalies handled and the protests: none here
        java.util.TreeSet<String> golden = GoldenEvents.shape(GoldenEvents.sample("RaceDecisions"));
        golden.removeIf(path -> path.startsWith("decisions.anomaly_handled[]") || path.startsWith("decisions.protest[]"));
        assertEquals(golden, GoldenEvents.shape(last.toString()));

        // a database restored from an older backup meets a newer publication: it takes it, ruling ids and all
        ObjectNode newer = last.deepCopy();
        newer.put("eventId", java.util.UUID.randomUUID().toString()).put("version", 9);
        ((ObjectNode) newer.at("/decisions/crew/0")).put("car", 8);
        ((ObjectNode) newer.at("/decisions/ruling/0")).put("car", 8);
        Events.send("race-decisions", race, newer.toString());
        ClassificationTest.awaitTrue(() -> given().get("/api/races/" + race + "/crews").path("car").equals(List.of(8)));
        given().header("Authorization", RealServers.raceDirection()).get("/api/races/" + race + "/rulings").then()
                .body("car", contains(8)).body("id", contains(last.at("/decisions/ruling/0/id").asInt()));

        // an older one (or its own, read back) changes nothing
        ObjectNode older = last.deepCopy();
        older.put("eventId", java.util.UUID.randomUUID().toString()).put("version", 3);
        ((ObjectNode) older.at("/decisions/crew/0")).put("car", 9);
        Events.send("race-decisions", race, older.toString());
        Thread.sleep(1500);
        assertEquals(List.of(8), given().get("/api/races/" + race + "/crews").path("car"));

        // the next decision is published as version 10, after the one taken
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON)
                .body(ClassificationTest.crew(11, "1.20", false, "A", null)).put("/api/races/" + race + "/crews/11").then().statusCode(200);
        List<JsonNode> after = published(race, events.size() + 3);
        assertTrue(after.stream().anyMatch(e -> e.get("version").asLong() == 10), after.toString());
    }

    @Test
    void aRevokedPenaltyLeavesTheLegsListAsItLeavesTheOverallOne() {
        String race = "r-revoke-leg";
        Events.route(race, Events.raceDefined(race, "PENALTIES", 1, "OPEN"));
        ClassificationTest.awaitRace(race);
        ClassificationTest.putCrew(race, 5, "1.00");
        int id = given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON)
                .body("{\"type\": \"STEWARD_PENALTY\", \"car\": 5, \"trial\": \"PC1\", \"points\": 60, \"reason\": \"speeding\"}")
                .post("/api/races/" + race + "/rulings").then().statusCode(201).extract().path("id");
        String leg = "/api/races/" + race + "/standings?list=leg&leg=1";
        ClassificationTest.awaitTrue(() -> ((Number) given().get(leg).path("entries[0].score")).floatValue() == 60f);
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON).body("{\"reason\": \"radar misread\"}")
                .post("/api/races/" + race + "/rulings/" + id + "/revoke").then().statusCode(200);
        ClassificationTest.awaitTrue(() -> ((Number) given().get("/api/races/" + race + "/standings").path("entries[0].score")).floatValue() == 0f);
        Object live = given().get(leg).path("entries[0].score");
        given().header("Authorization", RealServers.raceDirection()).post("/api/races/" + race + "/rebuild").then().statusCode(200);
        assertEquals(given().get(leg).path("entries[0].score"), live, "leg 1's list after the revocation, against a rebuild");
    }
}
