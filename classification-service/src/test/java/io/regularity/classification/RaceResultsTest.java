package io.regularity.classification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.classification.service.ResultsPublisher;
import io.regularity.testsupport.GoldenEvents;
import io.regularity.testsupport.RealServers;
import io.regularity.testsupport.TopicReader;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * Issue 36: each race's results go out on race-results whenever they change, PROVISIONAL while the race runs and FINAL
 * once race direction publishes it, with the positions of every crew in every list, the people's licences and how
 * many PCs were planned and are valid; what did not change is not sent again.
 */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "classification"))
class RaceResultsTest {

    static final String RACE = "r-results";

    @Inject
    ResultsPublisher publisher;

    /** The race's results on the topic, the last one first, once {@code until} holds for it. */
    static JsonNode latest(java.util.function.Predicate<JsonNode> until) {
        List<ConsumerRecord<String, String>> records = TopicReader.readUntil(RealServers.kafka().bootstrapServers(), "race-results",
                rs -> rs.stream().filter(r -> r.key().equals(RACE)).reduce((a, b) -> b).map(r -> until.test(DecisionsTest.read(r.value())))
                        .orElse(false), Duration.ofSeconds(30));
        return records.stream().filter(r -> r.key().equals(RACE)).reduce((a, b) -> b).map(r -> DecisionsTest.read(r.value())).orElseThrow();
    }

    static String crew(int car, String driver, String licence, String codriver, String codriverLicence, String category) {
        return """
                {"car": %d, "driver": {"name": "%s", "female": true, "licence": "%s"},
                 "codriver": {"name": "%s", "female": %b, "licence": "%s"},
                 "carYear": 1934, "coefficient": 1.00, "category": "%s", "team": "Scuderia Brescia"}
                """.formatted(car, driver, licence, codriver, car == 7, codriverLicence, category);
    }

    @Test
    void aRacesResultsGoOutProvisionalThenFinalAndOnlyWhenTheyChange() throws Exception {
        Events.route(RACE, Events.raceDefined(RACE, "PENALTIES", 1, "OPEN"));
        ClassificationTest.awaitRace(RACE);
        for (String body : List.of(crew(7, "Anna Rossi", "AR-7", "Bea Verdi", "BV-7", "A"), crew(8, "Carlo Neri", "CN-8", "Dino Blu", "DB-8", "B"),
                crew(9, "Elio Gialli", "EG-9", "Franco Viola", "FV-9", "A"))) {
            int car = body.contains("\"car\": 7") ? 7 : body.contains("\"car\": 8") ? 8 : 9;
            given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON).body(body)
                    .put("/api/races/" + RACE + "/crews/" + car).then().statusCode(200);
        }
        // car 9 retires: on its lists without a rank, which the event says with a null
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON)
                .body("{\"type\": \"RETIRE\", \"car\": 9, \"reason\": \"gearbox\"}").post("/api/races/" + RACE + "/rulings").then().statusCode(201);
        Instant start = Instant.parse("2024-06-11T08:00:00Z");
        for (int car : List.of(7, 8)) {
            Events.passage(RACE, car, Events.passageRecorded(RACE, UUID.randomUUID(), car, "P1", start.plusSeconds(car * 60L), 0));
            Events.passage(RACE, car, Events.passageRecorded(RACE, UUID.randomUUID(), car, "P2",
                    start.plusSeconds(car * 60L).plusMillis(car == 7 ? 12_000 : 12_500), 0));
        }
        JsonNode provisional = latest(e -> e.at("/results/crews/1/positions/overall").asInt() == 2);
        assertEquals("PROVISIONAL", provisional.at("/results/status").asText());
        assertTrue(provisional.at("/results/published").isMissingNode() || provisional.at("/results/published").isNull());
        assertEquals(2, provisional.at("/results/plannedPcs").asInt());
        assertEquals(2, provisional.at("/results/validPcs").asInt());
        assertEquals("AR-7", provisional.at("/results/crews/0/driver/licence").asText());
        assertEquals(1, provisional.at("/results/crews/0/positions/overall").asInt());
        assertEquals(1, provisional.at("/results/crews/1/positions/category:B").asInt());
        assertFalse(provisional.at("/results/crews/1/positions").has("ladies"), "car 8 is no ladies' crew");
        assertEquals("RETIRED", provisional.at("/results/crews/2/state").asText());
        assertTrue(provisional.at("/results/crews/2/positions").has("overall") && provisional.at("/results/crews/2/positions/overall").isNull(),
                "a retired crew is on the overall list without a rank: " + provisional.at("/results/crews/2"));
        String digest = given().get("/api/races/" + RACE + "/standings").path("digest");
        assertEquals(digest, provisional.at("/results/digest").asText(), "the digest of the lists it follows");

        // race direction publishes the race, with PC2 neutralised: FINAL, one valid PC of two
        String published = Events.raceDefined(RACE, "PENALTIES", 2, "NEUTRALISED").replace("\"revision\": 2}}",
                "\"published\": {\"race\": {\"at\": \"2024-06-11T18:30:00.000Z\", \"by\": \"clerk-anna\", \"revision\": 2}}, \"revision\": 2}}");
        Events.route(RACE, published);
        JsonNode fin = latest(e -> "FINAL".equals(e.at("/results/status").asText()));
        assertEquals("clerk-anna", fin.at("/results/published/by").asText());
        assertEquals(1, fin.at("/results/validPcs").asInt());
        assertEquals(2, fin.at("/results/revision").asLong());
        assertEquals(GoldenEvents.shape(GoldenEvents.sample("RaceResults")), GoldenEvents.shape(fin.toString()),
                "the event's shape is its golden sample's (docs/events.md)");
        // nothing changed since: nothing is sent again
        assertFalse(publisher.send(RACE));
    }
}
