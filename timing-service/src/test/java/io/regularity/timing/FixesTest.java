package io.regularity.timing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.testsupport.GoldenEvents;
import io.regularity.testsupport.RealServers;
import io.regularity.testsupport.Tokens;
import io.regularity.testsupport.TopicReader;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 39: a car's fixes from its crew's phone, straight to the topic `fixes`, answered 202 once Kafka acknowledged them. */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "timing"))
class FixesTest {

    static final String RACE = PassageResourceTest.RACE;
    static final ObjectMapper JSON = new ObjectMapper();
    /** An instant as the events write it: UTC, always with milliseconds. */
    static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @BeforeEach
    void theRaceIsKnown() {
        PassageResourceTest.knowTheGoldenRace();
    }

    static String crew(int car) {
        return "Bearer " + Tokens.forTests().crew("crew-" + car, RACE, car);
    }

    /** {@code n} fixes of a car driving north at 10 Hz from {@code start}, every field said. */
    static String fixes(Instant start, int n) {
        List<String> fixes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fixes.add("""
                    {"time": "%s", "lat": %.6f, "lon": 9.59372, "speedMs": 16.4, "headingDeg": 0.5, "accuracyM": 3.5, "source": "%s"}"""
                    .formatted(start.plusMillis(100L * i), 45.5 + i * 0.00001, i % 2 == 0 ? "PHONE" : "NMEA"));
        }
        return "[" + String.join(",", fixes) + "]";
    }

    static List<ConsumerRecord<String, String>> onTheTopic(String key, Set<String> times) {
        var records = TopicReader.readUntil(RealServers.kafka().bootstrapServers(), "fixes",
                rs -> rs.stream().filter(r -> key.equals(r.key())).map(r -> read(r.value()).get("time").asText()).collect(Collectors.toSet())
                        .containsAll(times), Duration.ofSeconds(30));
        return records.stream().filter(r -> key.equals(r.key()) && times.contains(read(r.value()).get("time").asText())).toList();
    }

    @Test
    void aCrewsBatchIsAcceptedOnceKafkaHasItEveryFixOnTheTopicKeyedByRaceAndCarWithTheGoldenShape() {
        Instant start = Instant.parse("2024-06-11T09:20:00.000Z");
        given().header("Authorization", crew(48)).contentType(ContentType.JSON).body(fixes(start, 50))
                .post("/api/races/" + RACE + "/cars/48/fixes").then().statusCode(202).body("accepted", equalTo(50));
        Set<String> times = new TreeSet<>();
        for (int i = 0; i < 50; i++) {
            times.add(ISO.format(start.plusMillis(100L * i)));
        }
        List<ConsumerRecord<String, String>> records = onTheTopic(RACE + "/48", times);
        assertEquals(50, records.size(), "one record a fix, none lost, none twice");
        ConsumerRecord<String, String> first = records.get(0);
        assertEquals(GoldenEvents.shape(GoldenEvents.sample("FixRecorded")), GoldenEvents.shape(first.value()));
        // a car's fixes on one partition, in the order the phone took them
        assertEquals(1, records.stream().map(ConsumerRecord::partition).distinct().count());
        List<String> inOrder = records.stream().map(r -> read(r.value()).get("time").asText()).toList();
        assertEquals(inOrder.stream().sorted().toList(), inOrder);
        JsonNode event = read(records.stream().filter(r -> r.value().contains("\"time\":\"2024-06-11T09:20:00.100Z\"")).findFirst()
                .orElseThrow().value());
        assertEquals("FixRecorded", event.get("type").asText());
        assertEquals(1, event.get("schemaVersion").asInt());
        assertEquals(RACE, event.get("raceId").asText());
        assertEquals(48, event.get("car").asInt());
        assertEquals("crew-48", event.get("device").asText(), "the token's device");
        assertEquals(45.50001, event.get("lat").asDouble(), 1e-9);
        assertEquals(9.59372, event.get("lon").asDouble(), 1e-9);
        assertEquals(16.4, event.get("speedMs").asDouble(), 1e-9);
        assertEquals("NMEA", event.get("source").asText());
        assertTrue(Instant.parse(event.get("receivedAt").asText()).isAfter(Instant.now().minusSeconds(120)));
    }

    @Test
    void whatAFixDoesNotSayIsLeftOutAndRaceDirectionSendsAnyCar() {
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON)
                .body("[{\"time\": \"2024-06-11T09:30:00.250+02:00\", \"lat\": -33.9, \"lon\": -180, \"speedMs\": null, \"source\": \"NMEA\"}]")
                .post("/api/races/" + RACE + "/cars/7/fixes").then().statusCode(202).body("accepted", equalTo(1));
        JsonNode event = read(onTheTopic(RACE + "/7", Set.of("2024-06-11T07:30:00.250Z")).get(0).value());
        assertFalse(event.has("speedMs") || event.has("headingDeg") || event.has("accuracyM"), event.toString());
        assertEquals("race-director", event.get("device").asText(), "no device in race direction's token: its name");
        assertEquals(-180, event.get("lon").asDouble());
    }

    @Test
    void aCrewTokenSendsOnlyItsOwnCarsFixesInItsOwnRace() {
        String batch = fixes(Instant.parse("2024-06-11T09:40:00Z"), 2);
        given().header("Authorization", crew(48)).contentType(ContentType.JSON).body(batch).post("/api/races/" + RACE + "/cars/49/fixes")
                .then().statusCode(403).contentType("application/problem+json").body("detail", containsString("car 48"));
        given().header("Authorization", "Bearer " + Tokens.forTests().crew("crew-48", "other-race", 48)).contentType(ContentType.JSON)
                .body(batch).post("/api/races/" + RACE + "/cars/48/fixes").then().statusCode(403).body("detail", containsString("other-race"));
        // a crew token without its car, a timekeeper's, none
        given().header("Authorization", "Bearer " + Tokens.forTests().issue("crew-x", List.of("crew"), List.of(RACE), "crew-x", Duration.ofDays(1)))
                .contentType(ContentType.JSON).body(batch).post("/api/races/" + RACE + "/cars/48/fixes").then().statusCode(403)
                .body("detail", containsString("names no car"));
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON).body(batch)
                .post("/api/races/" + RACE + "/cars/48/fixes").then().statusCode(403);
        given().contentType(ContentType.JSON).body(batch).post("/api/races/" + RACE + "/cars/48/fixes").then().statusCode(401);
    }

    @Test
    void aBadValueIsA400NamingTheFixAndTheFieldInTheReadersLanguageAndNothingIsSent() {
        String bad = """
                [{"time": "2024-06-11T09:50:00.000Z", "lat": 45.5, "lon": 9.5, "source": "PHONE"},
                 {"time": "2024-06-11T09:50:00.100Z", "lat": 91, "lon": 9.5, "speedMs": 151, "source": "PHONE"},
                 {"time": "yesterday", "lat": "45", "lon": 180.5, "headingDeg": 360, "accuracyM": 0, "source": "GPS"},
                 {"lat": 45.5, "lon": 9.5, "speedMs": -1, "accuracyM": 10001, "altitude": 120},
                 7]""";
        given().header("Authorization", crew(48)).contentType(ContentType.JSON).body(bad).post("/api/races/" + RACE + "/cars/48/fixes")
                .then().statusCode(400).contentType("application/problem+json").body("title", equalTo("Invalid fixes"))
                .body("errors.field", contains("[1].lat", "[1].speedMs", "[2].time", "[2].lat", "[2].lon", "[2].headingDeg", "[2].accuracyM",
                        "[2].source", "[3].altitude", "[3].time", "[3].speedMs", "[3].accuracyM", "[3].source", "[4]"))
                .body("errors[0].message", equalTo("must be a number from -90 to 90"))
                .body("errors[5].message", equalTo("must be a number from 0 to less than 360"));
        given().header("Authorization", crew(48)).header("Accept-Language", "it").contentType(ContentType.JSON).body(bad)
                .post("/api/races/" + RACE + "/cars/48/fixes").then().statusCode(400).header("Content-Language", "it")
                .body("title", equalTo("Posizioni non valide")).body("errors[0].message", equalTo("deve essere un numero da -90 a 90"));
        // the good fix of the refused batch was not sent: a batch is taken whole or not at all
        neverSent("2024-06-11T09:50:00.000Z");
    }

    private static void neverSent(String time) {
        // a later batch of the same car marks how far the topic has been read
        given().header("Authorization", crew(48)).contentType(ContentType.JSON).body(fixes(Instant.parse("2024-06-11T09:51:00Z"), 1))
                .post("/api/races/" + RACE + "/cars/48/fixes").then().statusCode(202);
        var records = onTheTopic(RACE + "/48", Set.of("2024-06-11T09:51:00.000Z"));
        assertEquals(1, records.size());
        var all = TopicReader.readUntil(RealServers.kafka().bootstrapServers(), "fixes",
                rs -> rs.stream().anyMatch(r -> r.value().contains("2024-06-11T09:51:00.000Z")), Duration.ofSeconds(30));
        assertTrue(all.stream().noneMatch(r -> r.value().contains("\"time\":\"" + time + "\"")), "a fix of a refused batch reached Kafka");
    }

    @Test
    void theBodyTheCarAndTheRaceAreChecked() {
        String auth = RealServers.raceDirection();
        given().header("Authorization", auth).contentType(ContentType.JSON).body("{\"fixes\": []}").post("/api/races/" + RACE + "/cars/48/fixes")
                .then().statusCode(400).body("detail", startsWith("the body must be a JSON array"));
        given().header("Authorization", auth).contentType(ContentType.JSON).body("[]").post("/api/races/" + RACE + "/cars/abc/fixes")
                .then().statusCode(400).body("errors[0].field", equalTo("car"));
        given().header("Authorization", auth).contentType(ContentType.JSON).body("[]").post("/api/races/" + RACE + "/cars/0/fixes")
                .then().statusCode(400).body("errors[0].field", equalTo("car"));
        // an empty batch: nothing to keep, nothing lost
        given().header("Authorization", crew(48)).contentType(ContentType.JSON).body("[]").post("/api/races/" + RACE + "/cars/48/fixes")
                .then().statusCode(202).body("accepted", equalTo(0));
        given().header("Authorization", auth).contentType(ContentType.JSON).body(fixes(Instant.parse("2024-06-11T09:00:00Z"), 1))
                .post("/api/races/no-such-race/cars/48/fixes").then().statusCode(404).body("detail", containsString("no-such-race"));
        String tooMany = fixes(Instant.parse("2024-06-11T10:00:00Z"), 5001);
        given().header("Authorization", crew(48)).contentType(ContentType.JSON).body(tooMany).post("/api/races/" + RACE + "/cars/48/fixes")
                .then().statusCode(413).body("detail", equalTo("5001 fixes in one batch; send at most 5000"));
        given().header("Authorization", crew(48)).contentType(ContentType.JSON).body(fixes(Instant.parse("2024-06-11T11:00:00Z"), 5000))
                .post("/api/races/" + RACE + "/cars/48/fixes").then().statusCode(202).body("accepted", equalTo(5000));
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
