package io.regularity.classification;

import static io.regularity.classification.ClassificationTest.awaitRace;
import static io.regularity.classification.ClassificationTest.awaitTrue;
import static io.regularity.classification.Events.passage;
import static io.regularity.classification.Events.passageRecorded;
import static io.regularity.classification.Events.route;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.testsupport.RealServers;
import io.restassured.http.ContentType;

/**
 * The rules a round may need (rules.md, Resolution and Average bands), through the service: the race's resolution and the
 * crew's band, from the definition and the entry list to the breakdown.
 */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "classification"))
class RulesTest {

    /** PENALTIES at the tenth: PC1 P1→P2 12 s; PM1 from P0 at 40 km/h, 50 for HIGH, a detection at P3, 1,000 m. */
    static String banded(String raceId) {
        return """
                {"eventId": "%s", "type": "RaceDefined", "schemaVersion": 1, "occurredAt": "2024-06-11T07:00:00.000Z", "revision": 1,
                 "race": {"id": "%s", "name": "Bands", "year": 2024, "scoring": {"model": "PENALTIES", "resolution": "TENTH"},
                   "legs": [{"number": 1, "name": "Leg 1", "startPoint": "P0",
                     "timingPoints": [{"id": "P0"}, {"id": "P1"}, {"id": "P2"}, {"id": "P3"}],
                     "trials": [{"id": "PM1", "type": "PM", "start": "P0", "averageKmh": 40, "averageKmhByBand": {"HIGH": 50},
                                 "detections": [{"point": "P3", "distanceM": 1000}]},
                                {"id": "PC1", "type": "PC", "start": "P1", "finish": "P2", "targetMs": 12000}]}], "revision": 1}}
                """.formatted(UUID.randomUUID(), raceId);
    }

    private static void putCrew(String raceId, int car, String band) {
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON)
                .body("""
                        {"car": %d, "driver": {"name": "Driver %d"}, "coefficient": 1.00, "band": %s}
                        """.formatted(car, car, band == null ? "null" : "\"" + band + "\""))
                .put("/api/races/" + raceId + "/crews/" + car).then().statusCode(200);
    }

    @Test
    void eachCrewIsScoredAgainstItsBandAndThePcsAtTheRacesResolution() {
        String race = "r-bands";
        route(race, banded(race));
        awaitRace(race);
        putCrew(race, 1, "HIGH");
        putCrew(race, 2, null);
        putCrew(race, 3, "LOW"); // a band PM1 does not name: the plain 40 km/h
        Instant start = Instant.parse("2024-06-11T09:00:00Z");
        for (int car = 1; car <= 3; car++) {
            passage(race, car, passageRecorded(race, UUID.randomUUID(), car, "P0", start, 0));
            // 72.5 s after the start: 0.5 s late at 50 km/h (72 s), 17.5 s early at 40 (90 s)
            passage(race, car, passageRecorded(race, UUID.randomUUID(), car, "P3", start.plusMillis(72_500), 0));
            passage(race, car, passageRecorded(race, UUID.randomUUID(), car, "P1", start.plusMillis(200_000), 0));
            passage(race, car, passageRecorded(race, UUID.randomUUID(), car, "P2", start.plusMillis(212_340), 0));
        }
        awaitTrue(() -> "53.0".equals(ClassificationTest.score(race, 1)));
        given().get("/api/races/" + race + "/crews/1/results").then().statusCode(200)
                .body("resolution", equalTo("TENTH")).body("band", equalTo("HIGH"))
                .body("trials.penalty", contains(50, 3)) // PM 50 cs; PC 12.34 s against 12.00 s at the tenth: 3
                .body("trials[0].detections[0].idealMs", equalTo(72_000)).body("trials[1].deltaCs", equalTo(30));
        awaitTrue(() -> "303.0".equals(ClassificationTest.score(race, 2)) && "303.0".equals(ClassificationTest.score(race, 3)));
        given().get("/api/races/" + race + "/crews/3/results").then().body("trials[0].detections[0].idealMs", equalTo(90_000));
        given().get("/api/races/" + race + "/crews").then().body("band", contains("HIGH", null, "LOW"));
    }

    @Test
    void aCrewBandTooLongIs400NamingIt() {
        given().header("Authorization", RealServers.raceDirection()).header("Accept-Language", "it").contentType(ContentType.JSON)
                .body("{\"car\": 5, \"driver\": {\"name\": \"Anna Rossi\"}, \"coefficient\": 1.2, \"band\": \"" + "X".repeat(33) + "\"}")
                .put("/api/races/r-bands-400/crews/5").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("band"))
                .body("errors.message", contains("deve avere al massimo 32 caratteri, senza caratteri di controllo (una fascia come HIGH; vuota se non c'è)"));
    }
}
