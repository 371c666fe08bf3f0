package io.regularity.classification;

import static io.regularity.classification.ClassificationTest.awaitRace;
import static io.regularity.classification.ClassificationTest.awaitTrue;
import static io.regularity.classification.ClassificationTest.putCrew;
import static io.regularity.classification.Events.passage;
import static io.regularity.classification.Events.passageRecorded;
import static io.regularity.classification.Events.raceDefined;
import static io.regularity.classification.Events.route;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.testsupport.GoldenEvents;
import io.regularity.testsupport.RealServers;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Issue 39: a GPS passage's evidence (the line, the fixes either side, the fraction) read from {@code passages}, kept,
 * and shown in the crew's breakdown and the export; and a hose that missed: a backup line's GPS crossing suggested to
 * race direction until it is used (docs/rules.md, A hose that missed).
 */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "classification"))
class GpsEvidenceTest {

    static final Instant T = Instant.parse("2024-06-11T09:00:00Z");

    /** The golden GPS passage (rules.md's worked example: 36.5 % of a second between fixes of 2 m and 3 m) moved to a car, point and time. */
    static String gpsPassage(String race, UUID id, int car, String point, Instant before) {
        return GoldenEvents.sample("PassageRecordedGps").replace("golden-race", race)
                .replace("3a7d2f10-5c4e-4b8a-9d61-2e0f7c9b1a55", UUID.randomUUID().toString())
                .replace("9e4b7c21-0d3a-5f86-8b12-6c5a4e3d2f10", id.toString()).replace("\"car\": 48", "\"car\": " + car)
                .replace("L1-P02", point).replace("2024-06-11T10:00:00.365Z", before.plusMillis(365).toString())
                .replace("2024-06-11T10:00:00.000Z", before.toString()).replace("2024-06-11T10:00:01.000Z", before.plusSeconds(1).toString());
    }

    static String voided(String race, UUID passage, int car, String by, String reason, boolean restore) {
        return """
                {"eventId": "%s", "type": "%s", "schemaVersion": 1, "occurredAt": "2024-06-11T10:00:00.000Z",
                 "passageId": "%s", "raceId": "%s", "car": %d, "reason": "%s", "by": "%s"}
                """.formatted(UUID.randomUUID(), restore ? "PassageRestored" : "PassageVoided", passage, race, car, reason, by);
    }

    static JsonPath breakdown(String race, int car, String lang) {
        return given().get("/api/races/" + race + "/crews/" + car + "/results?lang=" + lang).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aGpsPassagesEvidenceIsInTheBreakdownAndTheExportAndAPostsPassageHasNone() {
        String race = "r-evidence";
        route(race, raceDefined(race, "PENALTIES", 1, "OPEN"));
        awaitRace(race);
        putCrew(race, 12, "1.00");
        UUID start = UUID.randomUUID();
        UUID finish = UUID.randomUUID();
        passage(race, 12, passageRecorded(race, start, 12, "P1", T, 0)); // an old event: no evidence, no precision
        passage(race, 12, gpsPassage(race, finish, 12, "P2", T.plusSeconds(12)));
        awaitTrue(() -> "MEASURED".equals(breakdown(race, 12, "en").getString("trials[0].state")));
        JsonPath en = breakdown(race, 12, "en");
        assertNull(en.get("trials[0].start.evidence"), "a post's passage has no evidence");
        assertEquals("GPS", en.getString("trials[0].finish.source"));
        assertEquals(0.365f, en.getFloat("trials[0].finish.evidence.fraction"));
        assertEquals("2024-06-11T09:00:12.000Z", en.getString("trials[0].finish.evidence.before.time"));
        assertEquals("09:00:13.000", en.getString("trials[0].finish.evidence.after.localTime"));
        assertEquals(3.0f, en.getFloat("trials[0].finish.evidence.after.accuracyM"));
        assertEquals(10.0f, en.getFloat("trials[0].finish.evidence.line.widthM"));
        assertEquals(10.2f, en.getFloat("trials[0].finish.evidence.at.lon"));
        assertEquals("09:00:12.365", en.getString("trials[0].finish.evidence.localTime"));
        assertEquals(
                "GPS: between 09:00:12.000 (2 m) and 09:00:13.000 (3 m), 36.5 % of the way → 09:00:12.365 ± 25 ms (positions ± 150 ms)",
                en.getString("trials[0].finish.evidence.words"));
        assertEquals(
                "GPS: tra le 09:00:12.000 (2 m) e le 09:00:13.000 (3 m), al 36,5 % del tratto → 09:00:12.365 ± 25 ms (posizioni ± 150 ms)",
                breakdown(race, 12, "it").getString("trials[0].finish.evidence.words"));
        // the export a protest is checked from: the GPS passage with its evidence, the post's without
        JsonPath bundle = given().header("Authorization", RealServers.raceDirection()).get("/api/races/" + race + "/export").then()
                .statusCode(200).extract().jsonPath();
        String gps = "passages.find { it.id == '" + finish + "' }";
        assertEquals(0.365f, bundle.getFloat(gps + ".evidence.fraction"));
        assertEquals("2024-06-11T09:00:13.000Z", bundle.getString(gps + ".evidence.after.time"));
        assertEquals(2.0f, bundle.getFloat(gps + ".evidence.before.accuracyM"));
        assertEquals(45.5f, bundle.getFloat(gps + ".evidence.line.lat"));
        assertEquals(25.0f, bundle.getFloat(gps + ".precisionMs"));
        assertNull(bundle.get("passages.find { it.id == '" + start + "' }.evidence"));
        assertEquals(false,
                bundle.getBoolean("passages.find { it.id == '" + start + "' }.containsKey('evidence')"), "left out, not null");
    }

    @Test
    void aBackupLinesGpsCrossingIsSuggestedWhereTheHoseMissedUntilRaceDirectionUsesIt() {
        String race = "r-hose-missed";
        route(race, raceDefined(race, "PENALTIES", 1, "OPEN"));
        awaitRace(race);
        for (int car : new int[] { 12, 14, 15 }) {
            putCrew(race, car, "1.00");
            passage(race, car, passageRecorded(race, UUID.randomUUID(), car, "P1", T, 0));
        }
        // car 12: the hose at P2 missed it; its GPS crossed P2's backup line, recorded and at once voided by timing
        UUID missed = UUID.randomUUID();
        passage(race, 12, gpsPassage(race, missed, 12, "P2", T.plusSeconds(12)));
        passage(race, 12, voided(race, missed, 12, "gps", "GPS backup line: a post times P2", false));
        // car 14: the hose took it, so its GPS crossing is not suggested
        passage(race, 14, passageRecorded(race, UUID.randomUUID(), 14, "P2", T.plusMillis(12_410), 0));
        UUID taken = UUID.randomUUID();
        passage(race, 14, gpsPassage(race, taken, 14, "P2", T.plusSeconds(12)));
        passage(race, 14, voided(race, taken, 14, "gps", "GPS backup line: a post times P2", false));
        // car 15: a GPS passage race direction voided itself is its decision, not a suggestion
        UUID ruledOut = UUID.randomUUID();
        passage(race, 15, gpsPassage(race, ruledOut, 15, "P2", T.plusSeconds(12)));
        passage(race, 15, voided(race, ruledOut, 15, "race-director", "the crew's phone was in the course car", false));
        String gpsCrossings = "entries.findAll { it.type == 'GPS_CROSSING' }";
        awaitTrue(() -> given().get("/api/races/" + race + "/anomalies?severity=ACTION").path(gpsCrossings + ".car").equals(List.of(12))
                && given().header("Authorization", RealServers.raceDirection()).get("/api/races/" + race + "/crews/15/results")
                        .path("trials[0].ignored.size()").equals(1));
        given().get("/api/races/" + race + "/anomalies?severity=ACTION&lang=en").then()
                .body(gpsCrossings + ".passageId", contains(missed.toString())).body(gpsCrossings + ".point", contains("P2"))
                .body(gpsCrossings + ".severity", contains("ACTION"))
                .body(gpsCrossings + ".words", contains("Car 12 has no crossing at P2; its GPS crossed at 09:00:12.365 ± 25 ms (positions ± 150 ms)"));
        given().get("/api/races/" + race + "/anomalies?severity=ACTION&lang=it").then().body(gpsCrossings + ".words",
                contains("La vettura 12 non ha passaggi a P2; il suo GPS è passato alle 09:00:12.365 ± 25 ms (posizioni ± 150 ms)"));
        // never used by itself: PC1 waits for its finish until race direction decides
        assertEquals("PENDING", breakdown(race, 12, "en").getString("trials[0].state"));
        assertEquals("voided by gps: “GPS backup line: a post times P2”",
                breakdown(race, 12, "en").getString("trials[0].ignored[0].words"));
        assertEquals(0.365f, breakdown(race, 12, "en").getFloat("trials[0].ignored[0].evidence.fraction"));
        // what using it would do, before it is done
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON)
                .body("{\"car\": 12, \"restorePassage\": \"" + missed + "\"}").post("/api/races/" + race + "/preview").then()
                .statusCode(200).body("after.score", not(equalTo(given().header("Authorization", RealServers.raceDirection())
                        .contentType(ContentType.JSON).body("{\"car\": 12}").post("/api/races/" + race + "/preview").path("before.score"))));
        // Use the GPS time: the console restores the passage at timing, which publishes PassageRestored
        passage(race, 12, voided(race, missed, 12, "race-director", "hose at P2 missed car 12: GPS time used", true));
        awaitTrue(() -> "MEASURED".equals(breakdown(race, 12, "en").getString("trials[0].state")));
        given().get("/api/races/" + race + "/anomalies?severity=ACTION").then().body(gpsCrossings, empty());
        JsonPath after = breakdown(race, 12, "en");
        assertEquals(missed.toString(), after.getString("trials[0].finish.passage"));
        assertEquals(12_365, after.getInt("trials[0].elapsedMs"));
        assertEquals(0.365f, after.getFloat("trials[0].finish.evidence.fraction"));
        assertNull(after.get("trials[0].start.evidence"));
        given().get("/api/races/" + race + "/anomalies").then().body(gpsCrossings, empty()).body("total", not(nullValue()));
    }

    @Test
    void onACircuitTheOtherLapsCrossingsAreNotTheMissingOne() {
        String race = "r-hose-missed-circuit";
        route(race, Events.circuitDefined(race, 2));
        awaitRace(race);
        for (int car : new int[] { 21, 22 }) {
            putCrew(race, car, "1.00");
            passage(race, car, passageRecorded(race, UUID.randomUUID(), car, "C-A", T, 0));
            passage(race, car, passageRecorded(race, UUID.randomUUID(), car, "C-B", T.plusSeconds(20), 0));
            passage(race, car, passageRecorded(race, UUID.randomUUID(), car, "C-C", T.plusSeconds(40), 0));
            passage(race, car, passageRecorded(race, UUID.randomUUID(), car, "C-A", T.plusSeconds(70), 0));
            UUID gps = UUID.randomUUID();
            passage(race, car, gpsPassage(race, gps, car, "C-B", T.plusSeconds(90)));
            passage(race, car, voided(race, gps, car, "gps", "GPS backup line: a post times C-B", false));
        }
        // car 22's hose at C-B took lap 2 as well; car 21's missed it (its lap 1 crossing there is another crossing)
        passage(race, 22, passageRecorded(race, UUID.randomUUID(), 22, "C-B", T.plusMillis(90_420), 0));
        String gpsCrossings = "entries.findAll { it.type == 'GPS_CROSSING' }";
        awaitTrue(() -> given().get("/api/races/" + race + "/anomalies?severity=ACTION").path(gpsCrossings + ".car").equals(List.of(21))
                && given().get("/api/races/" + race + "/crews/22/results").path("trials.find { it.trial == 'PC3' }.state").equals("MEASURED"));
        given().get("/api/races/" + race + "/anomalies?severity=ACTION").then().body(gpsCrossings + ".point", contains("C-B"));
    }
}
