package io.regularity.classification;

import static io.regularity.classification.ClassificationTest.awaitRace;
import static io.regularity.classification.ClassificationTest.awaitTrue;
import static io.regularity.classification.ClassificationTest.putCrew;
import static io.regularity.classification.ClassificationTest.score;
import static io.regularity.classification.Events.raceDefined;
import static io.regularity.classification.Events.route;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.testsupport.GoldenEvents;
import io.regularity.testsupport.RealServers;
import io.regularity.testsupport.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The protest window (docs/rules.md, The protest window): protests recorded and decided, one lodged late refused, and a
 * posted list made official (ProtestWindowClosed to route-service) only once its window closed with none open.
 */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "classification"))
class ProtestsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static RequestSpecification direction() {
        return given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON);
    }

    /** The test race at a revision, with its leg 1 posted at that revision until {@code until} (null: not posted). */
    static String postedRace(String race, long revision, Instant until, String published) {
        String posted = until == null ? "" : """
                "posted": {"legs": {"1": {"at": "%s", "by": "race-director", "revision": %d, "protestsUntil": "%s"}}},
                """.formatted(until.minus(30, ChronoUnit.MINUTES), revision, until);
        return raceDefined(race, "PENALTIES", revision, "CLOSED").replace("\"trophies\":",
                posted + (published == null ? "" : "\"published\": " + published + ",") + " \"trophies\":");
    }

    static List<JsonNode> windowsClosed(String race, int atLeast) {
        return TopicReader.readUntil(RealServers.kafka().bootstrapServers(), "protest-windows",
                records -> records.stream().filter(r -> r.key().startsWith(race + "/")).count() >= atLeast, Duration.ofSeconds(20)).stream()
                .filter(r -> r.key().startsWith(race + "/")).map(ConsumerRecord::value).map(DecisionsTest::read).toList();
    }

    @Test
    void aProtestHoldsItsLegProvisionalUntilDecidedAndAnUpheldOneAppliesItsRulingsInOneStep() throws Exception {
        String race = "r-protest";
        route(race, raceDefined(race, "PENALTIES", 1, "OPEN"));
        awaitRace(race);
        putCrew(race, 5, "1.00");
        putCrew(race, 6, "1.00");
        // lodged before the list is posted: it is recorded, its leg taken from its trial
        String id = direction().body("""
                {"car": 5, "by": "Giulia Rossi", "subject": "PC1: the finish hose was moved", "trial": "PC1"}""")
                .post("/api/races/" + race + "/protests").then().statusCode(201).body("leg", equalTo(1)).body("status", equalTo("OPEN"))
                .body("recordedBy", equalTo("race-director")).extract().path("id");
        // the window closes with it still open: the leg stays provisional, nothing is sent
        Instant until = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        route(race, postedRace(race, 2, until, null));
        awaitTrue(() -> until.toString().equals(given().get("/api/races/" + race + "/standings?list=leg&leg=1").path("posted.protestsUntil")));
        given().get("/api/races/" + race + "/standings?list=leg&leg=1").then().body("status", equalTo("PROVISIONAL"))
                .body("posted.revision", equalTo(2)).body("posted.by", equalTo("race-director"));
        given().get("/api/races/" + race + "/standings").then().body("posted", nullValue());
        double before = Double.parseDouble(score(race, 6));
        // one lodged after the window: 409, saying when it closed in the race's clock
        direction().body("{\"car\": 6, \"by\": \"Mario Verdi\", \"subject\": \"late\", \"leg\": 1, \"lodgedAt\": \"%s\"}"
                .formatted(until.plusSeconds(1))).post("/api/races/" + race + "/protests").then().statusCode(409)
                .body("title", equalTo("Protest window closed")).body("detail", containsString("leg 1"));
        Thread.sleep(Duration.between(Instant.now(), until).plusSeconds(3).toMillis());
        // no window closes while a protest of it is open: reading for one times out
        assertThrows(AssertionError.class, () -> TopicReader.readUntil(RealServers.kafka().bootstrapServers(), "protest-windows",
                records -> records.stream().anyMatch(r -> r.key().startsWith(race + "/")), Duration.ofSeconds(2)));
        // upheld with a ruling: made in the same step, the crew scored again, and then the window closes
        String decided = direction().body("""
                {"outcome": "UPHELD", "reason": "the hose was found moved 3 m",
                 "rulings": [{"type": "STEWARD_PENALTY", "car": 6, "points": 40, "reason": "protest upheld: cut the course"}]}""")
                .post("/api/races/" + race + "/protests/" + id + "/decide").then().statusCode(200).body("status", equalTo("UPHELD"))
                .body("rulings", hasSize(1)).body("decidedBy", equalTo("race-director")).extract().path("decidedAt");
        awaitTrue(() -> Double.parseDouble(score(race, 6)) == before + 40);
        direction().get("/api/races/" + race + "/rulings").then().body("reason", hasItems("protest upheld: cut the course"));
        List<JsonNode> closed = windowsClosed(race, 1);
        assertEquals(1, closed.size());
        assertEquals("ProtestWindowClosed", closed.get(0).get("type").asText());
        assertEquals(1, closed.get(0).get("leg").asInt());
        assertEquals(2, closed.get(0).get("postedRevision").asLong());
        assertEquals(Instant.parse(decided), Instant.parse(closed.get(0).get("at").asText()), "official when the last protest was decided");
        assertEquals(GoldenEvents.shape(GoldenEvents.sample("ProtestWindowClosed")), GoldenEvents.shape(closed.get(0).toString()));
        // decided once
        direction().body("{\"outcome\": \"REJECTED\", \"reason\": \"again\"}").post("/api/races/" + race + "/protests/" + id + "/decide")
                .then().statusCode(409).body("detail", containsString("UPHELD"));
        direction().get("/api/races/" + race + "/protests").then().body("status", contains("UPHELD"))
                .body("[0].reason", equalTo("the hose was found moved 3 m"));
        // once route-service published it, a protest lodged now is after its window
        route(race, postedRace(race, 3, until, "{\"legs\": {\"1\": {\"at\": \"%s\", \"by\": \"race-director\", \"revision\": 3}}}"
                .formatted(decided)));
        awaitTrue(() -> "FINAL".equals(given().get("/api/races/" + race + "/standings?list=leg&leg=1").path("status")));
        direction().body("{\"car\": 6, \"by\": \"Mario Verdi\", \"subject\": \"too late\", \"trial\": \"PC2\"}")
                .post("/api/races/" + race + "/protests").then().statusCode(409).body("detail", containsString("closed at"));
    }

    @Test
    void aListWithoutProtestsBecomesOfficialAtItsWindowsEnd() {
        String race = "r-protest-none";
        route(race, raceDefined(race, "PENALTIES", 1, "OPEN"));
        awaitRace(race);
        Instant until = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
        route(race, postedRace(race, 2, until, null));
        List<JsonNode> closed = windowsClosed(race, 1);
        assertEquals(until, Instant.parse(closed.get(0).get("at").asText()));
        assertEquals(race + "/leg/1", TopicReader.readUntil(RealServers.kafka().bootstrapServers(), "protest-windows",
                records -> records.stream().anyMatch(r -> r.key().startsWith(race + "/")), Duration.ofSeconds(5)).stream()
                .filter(r -> r.key().startsWith(race + "/")).findFirst().orElseThrow().key());
    }

    @Test
    void theWholeRacesListWaitsForALegPostedAgainUntilThatLegsOwnWindowCloses() {
        String race = "r-protest-legs";
        route(race, raceDefined(race, "PENALTIES", 1, "OPEN"));
        awaitRace(race);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant legUntil = now.plusSeconds(3);
        String posted = """
                "posted": {"legs": {"1": {"at": "%s", "by": "race-director", "revision": 3, "protestsUntil": "%s"}},
                           "race": {"at": "%s", "by": "race-director", "revision": 2, "protestsUntil": "%s"}},
                """.formatted(now, legUntil, now.minusSeconds(60), now.minusSeconds(1));
        route(race, raceDefined(race, "PENALTIES", 3, "CLOSED").replace("\"trophies\":", posted + " \"trophies\":"));
        List<JsonNode> closed = windowsClosed(race, 2);
        assertEquals(1, closed.get(0).get("leg").asInt(), "the leg's window first");
        assertFalse(closed.get(1).hasNonNull("leg"), "then the race's (no leg)");
        assertFalse(Instant.parse(closed.get(1).get("occurredAt").asText()).isBefore(legUntil),
                "the race's list is not official while a leg's own window is open");
    }

    @Test
    void everyFaultOfAProtestOrADecisionIsA400NamingItsField() {
        String race = "r-protest-bad";
        route(race, raceDefined(race, "PENALTIES", 1, "OPEN"));
        awaitRace(race);
        putCrew(race, 5, "1.00");
        direction().body("{\"car\": 99, \"by\": \" \", \"subject\": \"\", \"trial\": \"PC9\", \"leg\": 4, \"lodgedAt\": \"%s\"}"
                .formatted(Instant.now().plusSeconds(3600))).post("/api/races/" + race + "/protests").then().statusCode(400)
                .body("errors.field", contains("car", "by", "subject", "leg", "trial", "lodgedAt"));
        direction().body("{\"car\": 5, \"by\": \"G\", \"subject\": \"s\", \"lodgedAt\": \"yesterday\"}").post("/api/races/" + race + "/protests")
                .then().statusCode(400);
        for (String longAgo : List.of("-999999999-01-01T00:00:00Z", "1900-01-01T00:00:00Z")) {
            direction().body("{\"car\": 5, \"by\": \"G\", \"subject\": \"s\", \"lodgedAt\": \"" + longAgo + "\"}")
                    .post("/api/races/" + race + "/protests").then().statusCode(400).body("errors.field", contains("lodgedAt"));
        }
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON)
                .body("{\"car\": 5, \"by\": \"G\", \"subject\": \"s\"}").post("/api/races/" + race + "/protests").then().statusCode(403);
        direction().body("{\"car\": 5, \"by\": \"G\", \"subject\": \"s\"}").post("/api/races/r-nowhere/protests").then().statusCode(404);
        String id = direction().body("{\"car\": 5, \"by\": \"G\", \"subject\": \"s\"}").post("/api/races/" + race + "/protests").then()
                .statusCode(201).body("leg", nullValue()).extract().path("id");
        direction().body("{\"outcome\": \"REJECTED\", \"reason\": \"r\", \"rulings\": [{\"type\": \"RETIRE\", \"car\": 5, \"reason\": \"x\"}]}")
                .post("/api/races/" + race + "/protests/" + id + "/decide").then().statusCode(400).body("errors.field", contains("rulings"));
        direction().body("{\"outcome\": \"UPHELD\", \"reason\": \"r\", \"rulings\": [{\"type\": \"STEWARD_PENALTY\", \"car\": 5, \"reason\": \"x\"}]}")
                .post("/api/races/" + race + "/protests/" + id + "/decide").then().statusCode(400)
                .body("errors.field", contains("rulings[0].points"));
        direction().body("{\"outcome\": \"MAYBE\"}").post("/api/races/" + race + "/protests/" + id + "/decide").then().statusCode(400)
                .body("errors.field", contains("outcome", "reason"));
        direction().body("{\"outcome\": \"WITHDRAWN\", \"reason\": \"r\"}").post("/api/races/" + race + "/protests/not-an-id/decide").then()
                .statusCode(404);
        direction().body("{\"outcome\": \"WITHDRAWN\", \"reason\": \"r\"}")
                .post("/api/races/" + race + "/protests/00000000-0000-0000-0000-000000000000/decide").then().statusCode(404);
        direction().body("{\"outcome\": \"WITHDRAWN\", \"reason\": \"the crew took it back\"}")
                .post("/api/races/" + race + "/protests/" + id + "/decide").then().statusCode(200).body("status", equalTo("WITHDRAWN"))
                .body("rulings", hasSize(0));
        // published at once, with no window: no protest is taken against it
        route(race, raceDefined(race, "PENALTIES", 2, "CLOSED").replace("\"trophies\":",
                "\"published\": {\"legs\": {\"1\": {\"at\": \"2024-06-11T18:00:00Z\", \"by\": \"race-director\", \"revision\": 2}}}, \"trophies\":"));
        awaitTrue(() -> "FINAL".equals(given().get("/api/races/" + race + "/standings?list=leg&leg=1").path("status")));
        direction().body("{\"car\": 5, \"by\": \"G\", \"subject\": \"s\", \"trial\": \"PC1\"}").post("/api/races/" + race + "/protests").then()
                .statusCode(409).body("detail", containsString("official since 2024-06-11 18:00:00 UTC"));
    }
}
