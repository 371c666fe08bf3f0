package io.regularity.classification;

import static io.regularity.classification.ClassificationTest.awaitRace;
import static io.regularity.classification.ClassificationTest.awaitTrue;
import static io.regularity.classification.ClassificationTest.putCrew;
import static io.regularity.classification.ClassificationTest.score;
import static io.regularity.classification.Events.passage;
import static io.regularity.classification.Events.passageRecorded;
import static io.regularity.classification.Events.raceDefined;
import static io.regularity.classification.Events.route;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.testsupport.GoldenEvents;
import io.regularity.testsupport.RealServers;
import io.restassured.http.ContentType;

/** What race direction works with: rulings revoked (never deleted), anomalies to decide or already handled, restored voids. */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "classification"))
class RaceDirectionTest {

    @Test
    void aRevokedRulingStopsCountingAndStaysListedWithWhoAndWhy() {
        String race = "r-revoke";
        route(race, raceDefined(race, "PENALTIES", 1, "OPEN"));
        awaitRace(race);
        putCrew(race, 5, "1.00");
        int id = given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON)
                .body("{\"type\": \"STEWARD_PENALTY\", \"car\": 5, \"points\": 60, \"reason\": \"speeding in Gavardo\"}")
                .post("/api/races/" + race + "/rulings").then().statusCode(201).extract().path("id");
        awaitTrue(() -> score(race, 5).equals("60.0"));
        // what a decision would do, before it is made: nothing stored
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON)
                .body("{\"car\": 5, \"ruling\": {\"type\": \"STEWARD_PENALTY\", \"points\": 40}}").post("/api/races/" + race + "/preview")
                .then().statusCode(200).body("before.score", equalTo(60.0f)).body("after.score", equalTo(100.0f))
                .body("after.state", equalTo("RUNNING"));
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON)
                .body("{\"car\": 5, \"ruling\": {\"type\": \"RETIRE\"}}").post("/api/races/" + race + "/preview")
                .then().statusCode(200).body("after.state", equalTo("RETIRED"));
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON).body("{\"car\": 5}")
                .post("/api/races/" + race + "/preview").then().statusCode(403);
        assertEquals("60.0", score(race, 5), "a preview changes nothing");
        given().get("/api/races/" + race + "/trials").then().statusCode(200).body("trial", contains("PC1", "PC2", "CT1"))
                .body("[0].pending", equalTo(1)).body("[0].status", equalTo("OPEN"));
        given().header("Authorization", RealServers.timekeeper("*")).get("/api/races/" + race + "/rulings").then().statusCode(403);
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON).body("{}")
                .post("/api/races/" + race + "/rulings/" + id + "/revoke").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON).body("{\"reason\": \"x\"}")
                .post("/api/races/" + race + "/rulings/" + id + "/revoke").then().statusCode(403);
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON).body("{\"reason\": \"radar misread\"}")
                .post("/api/races/" + race + "/rulings/999999/revoke").then().statusCode(404);
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON).body("{\"reason\": \"radar misread\"}")
                .post("/api/races/" + race + "/rulings/" + id + "/revoke").then().statusCode(200)
                .body("revoked.by", equalTo("race-director")).body("revoked.reason", equalTo("radar misread"));
        awaitTrue(() -> score(race, 5).equals("0.0"));
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON).body("{\"reason\": \"again\"}")
                .post("/api/races/" + race + "/rulings/" + id + "/revoke").then().statusCode(409);
        given().header("Authorization", RealServers.raceDirection()).get("/api/races/" + race + "/rulings").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].reason", equalTo("speeding in Gavardo")).body("[0].by", equalTo("race-director"))
                .body("[0].at", notNullValue()).body("[0].revoked.at", notNullValue());
    }

    @Test
    void anomaliesHaveStableIdsAndSeveritiesAndAHandledOneLeavesTheActionList() {
        String race = "r-decide";
        route(race, raceDefined(race, "PENALTIES", 1, "OPEN"));
        awaitRace(race);
        putCrew(race, 7, "1.00");
        Instant t = Instant.parse("2024-06-11T09:00:00Z");
        passage(race, 7, passageRecorded(race, UUID.randomUUID(), 7, "P1", t, 0));
        passage(race, 7, passageRecorded(race, UUID.randomUUID(), 7, "P1", t.plusMillis(180), 0)); // a backup chronometer: INFO
        passage(race, 7, passageRecorded(race, UUID.randomUUID(), 7, "P2", t.plusSeconds(12), 0));
        passage(race, 7, passageRecorded(race, UUID.randomUUID(), 7, "P2", t.plusSeconds(300), 0)); // far apart: ACTION
        passage(race, 77, passageRecorded(race, UUID.randomUUID(), 77, "P1", t, 0)); // not on the entry list: ACTION
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/races/" + race + "/anomalies").then().body("total", equalTo(3)));
        given().get("/api/races/" + race + "/anomalies").then()
                .body("counts.ACTION", equalTo(2)).body("counts.INFO", equalTo(1));
        given().get("/api/races/" + race + "/anomalies?severity=INFO").then().body("entries.type", contains("DUPLICATE"));
        String id = given().get("/api/races/" + race + "/anomalies?severity=ACTION").then().body("total", equalTo(2))
                .body("entries.severity", everyItem(equalTo("ACTION"))).extract().path("entries.find { it.type == 'UNKNOWN_CAR' }.id");
        given().get("/api/races/" + race + "/anomalies?severity=LOUD").then().statusCode(400);
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON).body("{}")
                .post("/api/races/" + race + "/anomalies/" + id + "/handled").then().statusCode(400);
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON).body("{\"note\": \"n\"}")
                .post("/api/races/" + race + "/anomalies/0000000000000000/handled").then().statusCode(404);
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON)
                .body("{\"note\": \"car 77 is the course car, not a competitor\"}")
                .post("/api/races/" + race + "/anomalies/" + id + "/handled").then().statusCode(204);
        given().get("/api/races/" + race + "/anomalies?severity=ACTION").then().body("total", equalTo(1))
                .body("entries[0].type", equalTo("MULTIPLE_CROSSINGS")).body("counts.ACTION", equalTo(1));
        given().get("/api/races/" + race + "/anomalies").then().body("total", equalTo(3))
                .body("entries.find { it.id == '" + id + "' }.handled.by", equalTo("race-director"));
        // the same facts give the same ids, whatever arrives later
        putCrew(race, 8, "1.00");
        awaitTrue(() -> given().get("/api/races/" + race + "/anomalies").path("entries.id").toString().contains(id));
    }

    @Test
    void aRestoredVoidCountsThePassageAgain() {
        String race = "r-restore";
        route(race, GoldenEvents.sample("RaceDefined").replace("golden-race", race));
        awaitRace(race);
        putCrew(race, 48, "1.00");
        String golden = GoldenEvents.sample("PassageRestored");
        assertEquals(GoldenEvents.shape(GoldenEvents.sample("PassageVoided")), GoldenEvents.shape(golden),
                "a restore carries what a void carries");
        UUID id = UUID.randomUUID();
        Instant t = Instant.parse("2024-06-11T08:30:00Z");
        passage(race, 48, passageRecorded(race, id, 48, "L1-P01", t, 0));
        awaitTrue(() -> given().get("/api/races/" + race + "/crews/48/results").path("trials[0].passages").toString().contains(id.toString()));
        passage(race, 48, Events.passageVoided(race, id, 48));
        awaitTrue(() -> !given().get("/api/races/" + race + "/crews/48/results").path("trials[0].passages").toString().contains(id.toString()));
        passage(race, 48, golden.replace("golden-race", race).replace("5d0a3c9e-7f51-4c1e-9a53-0b9f4a7c2e11", id.toString())
                .replace("7c4e2a1d-9b3f-4e8a-a6d2-1f0e9c8b7a64", UUID.randomUUID().toString()));
        awaitTrue(() -> given().get("/api/races/" + race + "/crews/48/results").path("trials[0].passages").toString().contains(id.toString()));
    }
}
