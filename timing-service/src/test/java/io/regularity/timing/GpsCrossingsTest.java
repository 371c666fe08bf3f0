package io.regularity.timing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.testsupport.GoldenEvents;
import io.regularity.testsupport.RealServers;
import io.regularity.testsupport.Tokens;
import io.regularity.testsupport.TopicReader;
import io.regularity.timing.persistence.LineReplayRepository;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 39: the stream processor finds a car's crossings of its race's virtual lines in its fixes (Kafka Streams over the
 * real broker), and timing records each as a passage with its evidence, once, however often the fixes come; a line that
 * only backs a post up gives a voided passage (a suggestion); a line placed after the fixes were sent, or moved, finds
 * them by a re-processing of the topic. The numbers are rules.md's worked example (VirtualLineTest).
 */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "timing"))
class GpsCrossingsTest {

    static final String RACE = "gps-race";
    static final ObjectMapper JSON = new ObjectMapper();
    static final int CAR = 7;
    /** The worked example's pair: A at 10.19990634, B at 10.20016295, one second apart, 20 m/s east along 45.5° N. */
    static final double A_LON = 10.19990634, STEP = 10.20016295 - 10.19990634;
    static final Instant A_TIME = Instant.parse("2024-06-11T08:00:00Z");

    /** The golden race under another id, its points L1-P01 (GPS), L1-P02 (a post backed up by GPS) and L1-P03 as given. */
    static String raceDefined(long revision, Double p03Lon) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(GoldenEvents.sample("RaceDefined"));
        event.put("revision", revision);
        ObjectNode race = (ObjectNode) event.get("race");
        race.put("id", RACE);
        race.put("revision", revision);
        ArrayNode points = (ArrayNode) race.get("legs").get(0).get("timingPoints");
        points.removeAll();
        points.add(point("L1-START", null, false));
        points.add(point("L1-P01", 10.2, false));
        points.add(point("L1-P02", 10.21, true));
        points.add(point("L1-P03", p03Lon, false));
        return JSON.writeValueAsString(event);
    }

    static ObjectNode point(String id, Double lon, boolean backup) {
        ObjectNode p = JSON.createObjectNode().put("id", id).put("town", "Brescia").put("km", 1.0);
        if (lon != null) {
            ObjectNode line = p.putObject("virtual").put("lat", 45.5).put("lon", lon).put("bearingDeg", 90.0).put("widthM", 10.0);
            if (backup) {
                line.put("backup", true);
            }
        }
        return p;
    }

    /** The car's fixes, one a second from 5 s before A to 50 s after: A and B as the worked example, the others 3 m. */
    static String track() {
        List<String> fixes = new ArrayList<>();
        for (int i = -5; i <= 50; i++) {
            fixes.add(String.format(Locale.ROOT, """
                    {"time": "%s", "lat": 45.5, "lon": %.8f, "speedMs": 20.0, "headingDeg": 90.0, "accuracyM": %s, "source": "NMEA"}""",
                    A_TIME.plusSeconds(i), A_LON + i * STEP, i == 0 ? "2" : "3"));
        }
        return "[" + String.join(",", fixes) + "]";
    }

    static void send(String fixes) {
        given().header("Authorization", "Bearer " + Tokens.forTests().crew("crew-7", RACE, CAR)).contentType(ContentType.JSON).body(fixes)
                .post("/api/races/" + RACE + "/cars/" + CAR + "/fixes").then().statusCode(202);
    }

    static JsonPath passages(String point) {
        return given().header("Authorization", RealServers.raceDirection()).queryParam("car", CAR).queryParam("point", point)
                .get("/api/races/" + RACE + "/passages").then().statusCode(200).extract().jsonPath();
    }

    static boolean driven;

    @BeforeEach
    void theRaceIsKnownWithTwoLinesAndTheCarDrivesThroughThem() throws Exception {
        if (driven) {
            return;
        }
        driven = true;
        RealServers.send("route-events", RACE, raceDefined(1, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().header("Authorization", RealServers.raceDirection())
                .get("/api/races/" + RACE + "/passages").statusCode() == 200);
        send(track());
        await().atMost(Duration.ofSeconds(60)).until(() -> passages("L1-P01").getInt("total") == 1 && passages("L1-P02").getInt("total") == 1);
    }

    @Test
    void aCrossingIsAPassageFromGpsWithTheWorkedExamplesTimeQualityAndEvidence() {
        JsonPath found = passages("L1-P01");
        assertEquals("2024-06-11T08:00:00.365Z", found.getString("entries[0].time"));
        assertEquals("GPS", found.getString("entries[0].source"));
        assertEquals("crew-7", found.getString("entries[0].device"));
        assertEquals("RECORDED", found.getString("entries[0].status"));
        assertEquals(25.0f, found.getFloat("entries[0].precisionMs"));
        assertEquals(150.0f, found.getFloat("entries[0].clockUncertaintyMs"));
        assertEquals(0.365f, found.getFloat("entries[0].evidence.fraction"), 0.0005f);
        assertEquals(A_TIME, Instant.parse(found.getString("entries[0].evidence.before.time")));
        assertEquals(A_TIME.plusSeconds(1), Instant.parse(found.getString("entries[0].evidence.after.time")));
        assertEquals(2.0f, found.getFloat("entries[0].evidence.before.accuracyM"));
        assertEquals(10.2f, found.getFloat("entries[0].evidence.line.lon"), 1e-6f);
        assertEquals(10.2f, found.getFloat("entries[0].evidence.at.lon"), 1e-6f);
    }

    @Test
    void thePassageLeavesThroughTheOutboxWithItsEvidence() throws Exception {
        String id = passages("L1-P01").getString("entries[0].id");
        var records = TopicReader.readUntil(RealServers.kafka().bootstrapServers(), "passages",
                rs -> rs.stream().anyMatch(r -> r.value().contains(id)), Duration.ofSeconds(30));
        JsonNode event = JSON.readTree(records.stream().filter(r -> r.value().contains(id)).findFirst().orElseThrow().value());
        assertEquals(RACE + "/" + CAR, records.stream().filter(r -> r.value().contains(id)).findFirst().orElseThrow().key());
        assertEquals("PassageRecorded", event.get("type").asText());
        assertEquals(0.365, event.at("/evidence/fraction").asDouble(), 0.0005);
        assertEquals(20.0, event.at("/evidence/after/speedMs").asDouble());
    }

    @Test
    void aLineThatBacksAPostUpGivesAVoidedPassageRaceDirectionMayRestore() {
        JsonPath found = passages("L1-P02");
        assertEquals("VOIDED", found.getString("entries[0].status"));
        assertEquals("gps", found.getString("entries[0].voidedBy"));
        assertTrue(found.getString("entries[0].voidReason").startsWith("GPS backup"), found.getString("entries[0].voidReason"));
    }

    @Test
    void theSameFixesSentAgainFindNothingTwice() throws Exception {
        send(track());
        // a fix after the track, through the same processor: once it is through, the batch sent again was too
        send(String.format(Locale.ROOT, "[{\"time\": \"%s\", \"lat\": 45.5, \"lon\": %.8f, \"accuracyM\": 3, \"source\": \"NMEA\"}]",
                A_TIME.plusSeconds(51), A_LON + 51 * STEP));
        Thread.sleep(3000);
        assertEquals(1, passages("L1-P01").getInt("total"));
        assertEquals(1, passages("L1-P02").getInt("total"));
    }

    @Test
    void aLinePlacedAfterTheFixesWereSentFindsThemAndOneMovedVoidsItsOldPlace() throws Exception {
        assertEquals(0, passages("L1-P03").getInt("total"));
        RealServers.send("route-events", RACE, raceDefined(2, 10.205));
        await().atMost(Duration.ofSeconds(60)).until(() -> passages("L1-P03").getInt("total") == 1);
        JsonPath found = passages("L1-P03");
        assertEquals("GPS", found.getString("entries[0].source"));
        assertEquals(10.205f, found.getFloat("entries[0].evidence.line.lon"), 1e-6f);
        await().atMost(Duration.ofSeconds(30)).until(() -> "DONE".equals(replays().getString("[0].state")));
        assertEquals(1, replays().getInt("[0].crossings"));
        assertTrue(replays().getLong("[0].fixesRead") >= 56, "the car's fixes were read again");

        RealServers.send("route-events", RACE, raceDefined(3, 10.206));
        await().atMost(Duration.ofSeconds(60)).until(() -> passages("L1-P03").getInt("total") == 2);
        JsonPath both = passages("L1-P03");
        for (int i = 0; i < 2; i++) {
            boolean old = Math.abs(both.getFloat("entries[" + i + "].evidence.line.lon") - 10.205f) < 1e-6f;
            assertEquals(old ? "VOIDED" : "RECORDED", both.getString("entries[" + i + "].status"));
            if (old) {
                assertTrue(both.getString("entries[" + i + "].voidReason").contains("moved"));
            } else {
                assertNull(both.get("entries[" + i + "].voidReason"));
            }
        }

        // moved back: the first crossing counts again, the second is of the old place now
        RealServers.send("route-events", RACE, raceDefined(4, 10.205));
        await().atMost(Duration.ofSeconds(60)).until(() -> stateAt(10.205).equals("RECORDED") && stateAt(10.206).equals("VOIDED"));
        assertEquals(2, passages("L1-P03").getInt("total"), "nothing new: the same crossings");
        // removed: no line times the point, its GPS passages are voided at once
        RealServers.send("route-events", RACE, raceDefined(5, null));
        await().atMost(Duration.ofSeconds(60)).until(() -> stateAt(10.205).equals("VOIDED"));
        JsonPath gone = passages("L1-P03");
        for (int i = 0; i < 2; i++) {
            assertEquals("VOIDED", gone.getString("entries[" + i + "].status"));
        }
        assertTrue(gone.getList("entries.voidReason").stream().anyMatch(r -> String.valueOf(r).contains("removed")), gone.prettify());
    }

    @Inject
    LineReplayRepository lineReplays;

    /**
     * One reading of the fixes serves every line of a race waiting for one: the race asked for first has all its waiting
     * lines taken together; another race's wait for the next reading. (Asked for an hour ahead, so the service's own worker
     * leaves them be.)
     */
    @Test
    void aRacesWaitingLinesAreTakenTogetherAndAnotherRacesWaitTheirTurn() {
        // the other tests' re-processings done first: none of theirs is taken here
        await().atMost(Duration.ofSeconds(60)).until(() -> replays().getList("state").stream().allMatch("DONE"::equals));
        Instant later = Instant.now().plus(Duration.ofHours(1));
        lineReplays.request("replay-a", "L1-P01", "{}", later);
        lineReplays.request("replay-b", "L1-P01", "{}", later.plusSeconds(1));
        lineReplays.request("replay-a", "L1-P02", "{}", later.plusSeconds(2));
        lineReplays.request("replay-a", "L1-P03", "{}", later.plusSeconds(30)); // not settled yet at the first look
        Instant look = later.plusSeconds(20);
        List<LineReplayRepository.LineReplay> first = lineReplays.claim(look, Duration.ofSeconds(10), Duration.ofDays(1));
        assertEquals(List.of("replay-a/L1-P01", "replay-a/L1-P02"), first.stream().map(r -> r.raceId() + "/" + r.point()).toList());
        List<LineReplayRepository.LineReplay> second = lineReplays.claim(look, Duration.ofSeconds(10), Duration.ofDays(1));
        assertEquals(List.of("replay-b/L1-P01"), second.stream().map(r -> r.raceId() + "/" + r.point()).toList());
        assertEquals(List.of(), lineReplays.claim(look, Duration.ofSeconds(10), Duration.ofDays(1)), "the rest is taken or not settled");
        List<LineReplayRepository.LineReplay> third = lineReplays.claim(later.plusSeconds(60), Duration.ofSeconds(10), Duration.ofDays(1));
        assertEquals(List.of("replay-a/L1-P03"), third.stream().map(r -> r.raceId() + "/" + r.point()).toList());
        for (List<LineReplayRepository.LineReplay> taken : List.of(first, second, third)) {
            taken.forEach(r -> lineReplays.done(r.id(), 0, 0, later));
        }
    }

    /** The status of the GPS passage at L1-P03 whose line was at {@code lon}. */
    static String stateAt(double lon) {
        JsonPath found = passages("L1-P03");
        for (int i = 0; i < found.getInt("entries.size()"); i++) {
            if (Math.abs(found.getFloat("entries[" + i + "].evidence.line.lon") - (float) lon) < 1e-6f) {
                return found.getString("entries[" + i + "].status");
            }
        }
        return "NONE";
    }

    static JsonPath replays() {
        return given().header("Authorization", RealServers.raceDirection()).get("/api/races/" + RACE + "/gps/replays").then().statusCode(200)
                .extract().jsonPath();
    }
}
