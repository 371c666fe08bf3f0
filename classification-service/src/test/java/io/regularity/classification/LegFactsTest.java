package io.regularity.classification;

import static io.regularity.classification.ClassificationTest.awaitRace;
import static io.regularity.classification.ClassificationTest.putCrew;
import static io.regularity.classification.Events.passage;
import static io.regularity.classification.Events.passageRecorded;
import static io.regularity.classification.Events.passageVoided;
import static io.regularity.classification.Events.raceDefined;
import static io.regularity.classification.Events.route;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.testsupport.RealServers;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * A batch scores the legs it touches from the passages kept in memory, and a copy is used only while the leg's
 * stored stamp is the one it was taken at: a leg another instance changed is read again.
 */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "classification"))
class LegFactsTest {

    static final Instant T = Instant.parse("2024-06-11T09:00:00Z");

    @Inject
    DataSource dataSource;

    /** Race with one crew: P1 at T arrives as an event and is scored (its leg kept in memory). */
    static void startedRace(String race) {
        route(race, raceDefined(race, "PENALTIES", 1, "OPEN"));
        awaitRace(race);
        putCrew(race, 1, "1.00");
        passage(race, 1, passageRecorded(race, UUID.randomUUID(), 1, "P1", T, 0));
        RealServers.awaitConsumed("classification-service", "passages", Duration.ofSeconds(60));
    }

    /** P2 at T + 12.34 s stored as another instance stores it, in the database; with a new stamp on the leg if asked. */
    void storedElsewhere(String race, boolean scoredThere) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("""
                    insert into passage (id, race_id, car, point, time, clock_offset_ms, official_time, device, source, leg)
                    values (?, ?, 1, 'P2', ?, 0, ?, 'tk-2', 'HOSE', 1)
                    """)) {
                s.setObject(1, UUID.randomUUID());
                s.setString(2, race);
                s.setTimestamp(3, Timestamp.from(T.plusMillis(12_340)));
                s.setTimestamp(4, Timestamp.from(T.plusMillis(12_340)));
                s.executeUpdate();
            }
            if (scoredThere) { // the other instance scores the leg in the same transaction: its row gets a new stamp
                try (PreparedStatement s = c.prepareStatement(
                        "update crew_leg_result set version = version + 1 where race_id = ? and car = 1 and leg = 1")) {
                    s.setString(1, race);
                    assertEquals(1, s.executeUpdate());
                }
            }
        }
    }

    /** Car 1's stored result on a trial, as the trial's list shows it (what scoring wrote, not a fresh computation). */
    static String stored(String race, String trial) {
        JsonPath list = given().get("/api/races/" + race + "/trials/" + trial + "/results").then().statusCode(200).extract().jsonPath();
        return list.getString("entries[0].state") + " " + list.getString("entries[0].penalty");
    }

    static String standings(String race) {
        return given().get("/api/races/" + race + "/standings").then().statusCode(200).extract().jsonPath().getList("entries")
                .toString();
    }

    /** Prometheus' page: on the management interface. */
    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    double fromMemory() {
        Matcher m = Pattern.compile("classification_leg_facts_total\\{found=\"memory\"[^}]*} (\\S+)")
                .matcher(given().get(metrics).asString());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void aLegAnotherInstanceChangedIsReadAgainAndOneNobodyChangedIsScoredFromMemory() throws Exception {
        String race = "r-facts-stamp";
        startedRace(race);
        storedElsewhere(race, true);
        double before = fromMemory();
        passage(race, 1, passageRecorded(race, UUID.randomUUID(), 1, "P3", T.plusMillis(32_340), 0));
        RealServers.awaitConsumed("classification-service", "passages", Duration.ofSeconds(60));
        assertEquals("MEASURED 34", stored(race, "PC1"), "PC1 from P1 (this instance) and P2 (the other one)");
        assertEquals("MEASURED 0", stored(race, "PC2"));
        assertEquals(before, fromMemory(), "the leg with a stamp this instance did not write was read from the database");

        // the control: P2 written without a new stamp (no scoring, which no instance does) is not seen until a rebuild,
        // because the leg is scored from memory; the rebuild reads the stored facts
        String control = "r-facts-control";
        startedRace(control);
        storedElsewhere(control, false);
        passage(control, 1, passageRecorded(control, UUID.randomUUID(), 1, "P3", T.plusMillis(32_340), 0));
        RealServers.awaitConsumed("classification-service", "passages", Duration.ofSeconds(60));
        assertTrue(fromMemory() > before, "the control's leg was scored from memory");
        assertTrue(!stored(control, "PC1").startsWith("MEASURED"), stored(control, "PC1"));
        given().header("Authorization", RealServers.raceDirection()).post("/api/races/" + control + "/rebuild").then().statusCode(200);
        assertEquals("MEASURED 34", stored(control, "PC1"), "the rebuild scores the stored facts");
        assertEquals(standings(race), standings(control).replace(control, race));
    }

    @Test
    void aVoidThatArrivesBeforeItsPassageStillTakesItAway() {
        String race = "r-facts-void-first";
        startedRace(race);
        UUID finish = UUID.randomUUID();
        passage(race, 1, passageVoided(race, finish, 1));
        RealServers.awaitConsumed("classification-service", "passages", Duration.ofSeconds(60)); // not in the passage's batch
        passage(race, 1, passageRecorded(race, finish, 1, "P2", T.plusMillis(12_340), 0));
        RealServers.awaitConsumed("classification-service", "passages", Duration.ofSeconds(60));
        String scored = standings(race);
        assertTrue(!stored(race, "PC1").startsWith("MEASURED"), "the voided finish does not count: " + stored(race, "PC1"));
        given().header("Authorization", RealServers.raceDirection()).post("/api/races/" + race + "/rebuild").then().statusCode(200);
        assertEquals(scored, standings(race), "a rebuild agrees");
    }
}
