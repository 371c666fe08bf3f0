package io.regularity.timing;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

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
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "timing"))
class PassageResourceTest {

    static final String RACE = "golden-race";
    static final ObjectMapper JSON = new ObjectMapper();

    private static boolean raceKnown;

    @BeforeEach
    void theRaceIsKnownFromRouteEvents() {
        knowTheGoldenRace();
    }

    /** The golden race, learnt from its RaceDefined sample as route publishes it: once per test JVM. */
    static synchronized void knowTheGoldenRace() {
        if (raceKnown) {
            return;
        }
        // the consuming side of the golden RaceDefined sample
        RealServers.send("route-events", RACE, GoldenEvents.sample("RaceDefined"));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON)
                .body(passage(UUID.randomUUID(), 1, "L1-START", "2024-06-11T08:00:00.000Z"))
                .post("/api/races/" + RACE + "/passages").statusCode() == 201);
        raceKnown = true;
    }

    static String passage(UUID id, int car, String point, String time) {
        return """
                {"id": "%s", "car": %d, "point": "%s", "time": "%s", "device": "tk-17", "source": "HOSE", "clockOffsetMs": -12}
                """.formatted(id, car, point, time);
    }

    @Test
    void aNewPassageIs201AnIdenticalRetry200AndOtherContentUnderTheSameId409() {
        UUID id = UUID.randomUUID();
        String body = passage(id, 48, "L1-P02", "2024-06-11T09:12:33.47+02:00");
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON).body(body).post("/api/races/" + RACE + "/passages")
                .then().statusCode(201).header("Location", endsWith("/api/races/" + RACE + "/passages/" + id))
                .body("id", equalTo(id.toString())).body("car", equalTo(48))
                .body("time", equalTo("2024-06-11T07:12:33.470Z")).body("clockOffsetMs", equalTo(-12))
                .body("status", equalTo("RECORDED")).body("receivedAt", notNullValue());
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON).body(body).post("/api/races/" + RACE + "/passages")
                .then().statusCode(200).body("id", equalTo(id.toString())).body("time", equalTo("2024-06-11T07:12:33.470Z"));
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON).body(passage(id, 49, "L1-P02", "2024-06-11T09:12:33.47+02:00"))
                .post("/api/races/" + RACE + "/passages")
                .then().statusCode(409).contentType("application/problem+json");
        given().get("/api/races/" + RACE + "/passages/" + id).then().statusCode(200).body("car", equalTo(48));
    }

    @Test
    void aChronometersTimeKeepsItsQualityToTheMillisecondAndCarriesItOnwards() {
        UUID id = UUID.randomUUID();
        String body = """
                {"id": "%s", "car": 23, "point": "L1-P02", "time": "2024-06-11T15:44:15.7847+02:00", "device": "timy-1",
                 "source": "HOSE", "clockOffsetMs": 0, "precisionMs": 0.1, "clockUncertaintyMs": 0}
                """.formatted(id);
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON).body(body).post("/api/races/" + RACE + "/passages")
                .then().statusCode(201).body("time", equalTo("2024-06-11T13:44:15.784Z"))
                .body("precisionMs", equalTo(0.1f)).body("clockUncertaintyMs", equalTo(0.0f));
        given().get("/api/races/" + RACE + "/passages/" + id).then().statusCode(200).body("precisionMs", equalTo(0.1f))
                .body("clockUncertaintyMs", equalTo(0.0f));
        // the same id saying another quality is other content
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON).body(body.replace("0.1", "10"))
                .post("/api/races/" + RACE + "/passages").then().statusCode(409);
        var records = TopicReader.readUntil(RealServers.kafka().bootstrapServers(), "passages",
                rs -> rs.stream().anyMatch(r -> r.value().contains(id.toString())), Duration.ofSeconds(30));
        JsonNode event = read(records.stream().filter(r -> r.value().contains(id.toString())).findFirst().orElseThrow().value());
        assertEquals(0.1, event.get("precisionMs").asDouble());
        assertEquals(0.0, event.get("clockUncertaintyMs").asDouble());
        assertEquals("2024-06-11T13:44:15.784Z", event.get("time").asText());
        // a quality that cannot be is named
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON)
                .body(passage(UUID.randomUUID(), 23, "L1-P02", "2024-06-11T09:00:00Z").replace("}", ", \"precisionMs\": -1, \"clockUncertaintyMs\": \"small\"}"))
                .post("/api/races/" + RACE + "/passages").then().statusCode(400).body("errors.field", contains("precisionMs", "clockUncertaintyMs"));
    }

    @Test
    void raceDirectionSeesEachDevicesClockItsOffsetUncertaintyAndDrift() {
        String device = "tk-drift";
        String[][] sent = { { "2024-06-11T09:00:00Z", "0", "4" }, { "2024-06-11T09:30:00Z", "18", "6" }, { "2024-06-11T10:00:00Z", "36", "9" } };
        for (String[] s : sent) {
            given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON).body("""
                    {"id": "%s", "car": 31, "point": "L1-P01", "time": "%s", "device": "%s", "source": "MANUAL", "clockOffsetMs": %s,
                     "precisionMs": 100, "clockUncertaintyMs": %s}
                    """.formatted(UUID.randomUUID(), s[0], device, s[1], s[2])).post("/api/races/" + RACE + "/passages").then().statusCode(201);
        }
        given().header("Authorization", RealServers.raceDirection()).get("/api/races/" + RACE + "/clocks").then().statusCode(200)
                .body("find { it.device == 'tk-drift' }.passages", equalTo(3))
                .body("find { it.device == 'tk-drift' }.offsetMs", equalTo(36))
                .body("find { it.device == 'tk-drift' }.clockUncertaintyMs", equalTo(9.0f))
                .body("find { it.device == 'tk-drift' }.worstClockUncertaintyMs", equalTo(9.0f))
                .body("find { it.device == 'tk-drift' }.driftMsPerHour", equalTo(36.0f))
                .body("find { it.device == 'tk-drift' }.precisionMs", equalTo(100.0f))
                .body("find { it.device == 'tk-17' }.driftMsPerHour", equalTo(null));
        given().header("Authorization", RealServers.timekeeper("*")).get("/api/races/" + RACE + "/clocks").then().statusCode(403);
        given().header("Authorization", RealServers.raceDirection()).get("/api/races/no-such-race/clocks").then().statusCode(404);
    }

    @Test
    void aPassageAtAnUnknownPointIsStoredWithAWarning() {
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON).body(passage(UUID.randomUUID(), 7, "L1-P99", "2024-06-11T09:00:00Z"))
                .post("/api/races/" + RACE + "/passages")
                .then().statusCode(201).body("warnings", contains("unknown timing point L1-P99"));
    }

    @Test
    void anUnknownRaceIs404() {
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON).body(passage(UUID.randomUUID(), 7, "L1-P01", "2024-06-11T09:00:00Z"))
                .post("/api/races/no-such-race/passages")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void badInputIs400WithOneErrorPerField() {
        String future = Instant.now().plus(Duration.ofHours(25)).toString();
        String bad = """
                {"id": "not-a-uuid", "car": 0, "point": "", "time": "%s", "source": "PIGEON", "clockOffsetMs": 4000000}
                """.formatted(future);
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON).body(bad).post("/api/races/" + RACE + "/passages")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("id", "car", "point", "time", "device", "source", "clockOffsetMs"));
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON).body(passage(UUID.randomUUID(), 3, "L1-P01", "09:00"))
                .post("/api/races/" + RACE + "/passages").then().statusCode(400).body("errors[0].field", equalTo("time"));
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON).body("{\"car\": ").post("/api/races/" + RACE + "/passages")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aBatchAnswersEveryItemInInputOrder() {
        UUID a = UUID.randomUUID(), b = UUID.randomUUID();
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON).body(passage(b, 12, "L1-P01", "2024-06-11T09:00:00Z"))
                .post("/api/races/" + RACE + "/passages").then().statusCode(201);
        String batch = "[" + String.join(",", passage(a, 11, "L1-P01", "2024-06-11T09:00:00Z"),
                passage(b, 12, "L1-P01", "2024-06-11T09:00:00Z"),
                "{\"id\": \"x\", \"car\": \"eleven\"}",
                passage(b, 13, "L1-P01", "2024-06-11T09:00:00Z"),
                passage(a, 11, "L1-P01", "2024-06-11T09:00:00Z")) + "]";
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON).body(batch).post("/api/races/" + RACE + "/passages/batch")
                .then().statusCode(200)
                .body("results.status", contains("CREATED", "DUPLICATE", "INVALID", "CONFLICT", "DUPLICATE"))
                .body("results[0].id", equalTo(a.toString()))
                .body("results[2].errors.field", hasItems("id", "car"));
    }

    @Test
    void aBatchOfMoreThanAThousandIs413() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 1001; i++) {
            sb.append(i == 0 ? "" : ",").append("{}");
        }
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON).body(sb.append("]").toString()).post("/api/races/" + RACE + "/passages/batch")
                .then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void aBodyOverTheSizeLimitIs413ProblemJson() {
        String huge = "[" + (passage(UUID.randomUUID(), 1, "L1-P01", "2024-06-11T09:00:00Z") + ",").repeat(6000) + "{}]";
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON).body(huge).post("/api/races/" + RACE + "/passages/batch")
                .then().statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
    }

    @Test
    void storedPassagesReachKafkaKeyedByRaceAndCarWithTheGoldenShape() {
        UUID id = UUID.randomUUID();
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON).body(passage(id, 48, "L1-P02", "2024-06-11T09:12:33.470Z"))
                .post("/api/races/" + RACE + "/passages").then().statusCode(201);
        var records = TopicReader.readUntil(RealServers.kafka().bootstrapServers(), "passages",
                rs -> rs.stream().anyMatch(r -> r.value().contains(id.toString())), Duration.ofSeconds(30));
        var record = records.stream().filter(r -> r.value().contains(id.toString())).findFirst().orElseThrow();
        assertEquals(RACE + "/48", record.key());
        TreeSet<String> golden = GoldenEvents.shape(GoldenEvents.sample("PassageRecorded"));
        assertEquals(golden, GoldenEvents.shape(record.value()));
        JsonNode event = read(record.value());
        assertEquals("2024-06-11T09:12:33.470Z", event.get("time").asText());
        assertEquals("PassageRecorded", event.get("type").asText());
    }

    @Test
    void aVoidedPassageIsKeptMarkedAndAnnounced() {
        UUID id = UUID.randomUUID();
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON).body(passage(id, 77, "L1-P01", "2024-06-11T09:00:00Z"))
                .post("/api/races/" + RACE + "/passages").then().statusCode(201);
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON).body("{}").post("/api/races/" + RACE + "/passages/" + id + "/void")
                .then().statusCode(400).body("errors[0].field", equalTo("reason"));
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON).body("{\"reason\": \"car 77 typed for 71\"}")
                .post("/api/races/" + RACE + "/passages/" + id + "/void")
                .then().statusCode(200).body("status", equalTo("VOIDED")).body("voidReason", equalTo("car 77 typed for 71"))
                .body("voidedBy", equalTo("race-director"));
        given().get("/api/races/" + RACE + "/passages/" + id).then().body("status", equalTo("VOIDED"))
                .body("voidReason", equalTo("car 77 typed for 71")).body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("voidedBy")));
        given().get("/api/races/" + RACE + "/passages?car=77").then().body("entries[0].status", equalTo("VOIDED"))
                .body("entries[0]", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("voidedBy")));
        given().header("Authorization", RealServers.raceDirection()).get("/api/races/" + RACE + "/passages/" + id)
                .then().body("voidedBy", equalTo("race-director"));
        var records = TopicReader.readUntil(RealServers.kafka().bootstrapServers(), "passages",
                rs -> rs.stream().anyMatch(r -> r.value().contains("PassageVoided") && r.value().contains(id.toString())),
                Duration.ofSeconds(30));
        var voided = records.stream().filter(r -> r.value().contains("PassageVoided") && r.value().contains(id.toString()))
                .findFirst().orElseThrow();
        assertEquals(GoldenEvents.shape(GoldenEvents.sample("PassageVoided")), GoldenEvents.shape(voided.value()));
        assertEquals(RACE + "/77", voided.key());
    }

    @Test
    void singlePostsArrivingTogetherAreEachAnsweredForThemselves() throws Exception {
        // 24 posts at once, written together: each new one 201, the same id sent by every post once 201 and otherwise 200
        UUID shared = UUID.randomUUID();
        String sharedBody = passage(shared, 600, "L1-P01", "2024-06-11T09:30:00Z");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(24);
        List<java.util.concurrent.Future<int[]>> answers = new java.util.ArrayList<>();
        for (int t = 0; t < 24; t++) {
            int car = 601 + t;
            answers.add(pool.submit(() -> {
                int[] statuses = new int[6];
                for (int i = 0; i < 5; i++) {
                    statuses[i] = given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON)
                            .body(passage(UUID.randomUUID(), car, "L1-P0" + (1 + i % 2), "2024-06-11T09:3" + i + ":00Z"))
                            .post("/api/races/" + RACE + "/passages").statusCode();
                }
                statuses[5] = given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON)
                        .body(sharedBody).post("/api/races/" + RACE + "/passages").statusCode();
                return statuses;
            }));
        }
        int created = 0;
        int duplicates = 0;
        for (var answer : answers) {
            int[] statuses = answer.get();
            for (int i = 0; i < 5; i++) {
                assertEquals(201, statuses[i]);
            }
            created += statuses[5] == 201 ? 1 : 0;
            duplicates += statuses[5] == 200 ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, created, "the shared id is created once");
        assertEquals(23, duplicates, "and a duplicate for every other post");
        for (int car = 601; car <= 624; car++) {
            given().get("/api/races/" + RACE + "/passages?car=" + car).then().body("total", equalTo(5));
        }
        given().get("/api/races/" + RACE + "/passages/" + shared).then().statusCode(200).body("car", equalTo(600));
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON)
                .body(passage(UUID.randomUUID(), 5, "L1-P01", "2024-06-11T09:00:00Z")).post("/api/races/no-such-race/passages")
                .then().statusCode(404);
    }

    @Test
    void passagesAreListedWithFiltersAndPaging() {
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON).body(passage(UUID.randomUUID(), 555, "L1-P0" + (1 + i % 2), "2024-06-11T09:0" + i + ":00Z"))
                    .post("/api/races/" + RACE + "/passages").then().statusCode(201);
        }
        given().get("/api/races/" + RACE + "/passages?car=555&size=2").then().statusCode(200)
                .body("total", equalTo(3)).body("entries.size()", equalTo(2)).body("entries.car", contains(555, 555));
        given().get("/api/races/" + RACE + "/passages?car=555&point=L1-P01").then().body("total", equalTo(2));
        given().get("/api/races/" + RACE + "/passages?size=501").then().statusCode(400);
        given().get("/api/time").then().statusCode(200).body("serverTime", notNullValue());
    }

    private static JsonNode read(String value) {
        try {
            return JSON.readTree(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void onlyATimekeeperTokenNamingTheRacePostsPassages() {
        String body = passage(UUID.randomUUID(), 5, "L1-P01", "2024-06-11T09:00:00Z");
        given().contentType(ContentType.JSON).body(body).post("/api/races/" + RACE + "/passages")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", RealServers.timekeeper("another-race")).contentType(ContentType.JSON).body(body)
                .post("/api/races/" + RACE + "/passages").then().statusCode(403).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("another-race"));
        given().header("Authorization", RealServers.timekeeper("another-race")).contentType(ContentType.JSON).body("[" + body + "]")
                .post("/api/races/" + RACE + "/passages/batch").then().statusCode(403);
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON).body(body)
                .post("/api/races/" + RACE + "/passages").then().statusCode(403);
        given().header("Authorization", RealServers.timekeeper("another-race", RACE)).contentType(ContentType.JSON).body(body)
                .post("/api/races/" + RACE + "/passages").then().statusCode(201);
        // a post voids its own device's passages, of its own races only
        given().header("Authorization", RealServers.timekeeper("another-race")).contentType(ContentType.JSON)
                .body("{\"reason\": \"not mine to void\"}").post("/api/races/" + RACE + "/passages/" + UUID.randomUUID() + "/void")
                .then().statusCode(403);
    }

    @Test
    void aTokenThatNamesItsDevicePostsOnlyThatDevicesPassages() {
        String tk17 = "Bearer " + io.regularity.testsupport.Tokens.forTests().timekeeper("anna", "tk-17", RACE);
        String tk18 = "Bearer " + io.regularity.testsupport.Tokens.forTests().timekeeper("bruno", "tk-18", RACE);
        UUID id = UUID.randomUUID();
        String fromTk17 = passage(id, 6, "L1-P01", "2024-06-11T09:00:00Z");
        given().header("Authorization", tk18).contentType(ContentType.JSON).body(fromTk17)
                .post("/api/races/" + RACE + "/passages").then().statusCode(403).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("device tk-18"));
        given().header("Authorization", tk18).contentType(ContentType.JSON).body("[" + fromTk17 + "]")
                .post("/api/races/" + RACE + "/passages/batch").then().statusCode(403);
        given().get("/api/races/" + RACE + "/passages/" + id).then().statusCode(404);
        given().header("Authorization", tk17).contentType(ContentType.JSON).body(fromTk17)
                .post("/api/races/" + RACE + "/passages").then().statusCode(201);
    }

    @jakarta.inject.Inject
    io.regularity.timing.service.PassageService service;

    @jakarta.inject.Inject
    io.regularity.timing.service.GroupCommit groupCommit;

    private static io.regularity.timing.domain.PassageParser.Parsed parsed(UUID id, int car, String point) {
        var p = new io.regularity.timing.domain.Passage(id, car, point, Instant.parse("2024-06-11T09:00:00Z"), "tk-17", "HOSE", 0);
        return new io.regularity.timing.domain.PassageParser.Parsed(p, id.toString(), List.of());
    }

    @Test
    void aBatchWithAPassageFromYearZeroStoresTheOthersAndTheSamePassageAloneIs400() {
        StringBuilder batch = new StringBuilder("[");
        for (int car = 1; car <= 5; car++) {
            batch.append(passage(UUID.randomUUID(), 300 + car, "L1-P01", "2024-06-11T09:00:0" + car + "Z")).append(',');
        }
        String yearZero = passage(UUID.randomUUID(), 306, "L1-P01", "0000-01-01T00:00:00Z");
        batch.append(yearZero).append(']');
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON).body(batch.toString())
                .post("/api/races/" + RACE + "/passages/batch").then().statusCode(200)
                .body("results.status", contains("CREATED", "CREATED", "CREATED", "CREATED", "CREATED", "INVALID"))
                .body("results[5].errors[0].field", equalTo("time"));
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON).body(yearZero)
                .post("/api/races/" + RACE + "/passages").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aPassageMoreThanAYearBeforeTheRacesFirstLegIsInvalidWithTheReason() {
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON)
                .body(passage(UUID.randomUUID(), 307, "L1-P01", "2023-06-10T09:00:00Z")).post("/api/races/" + RACE + "/passages")
                .then().statusCode(400).body("errors[0].field", equalTo("time"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("more than a year before the race's first leg (2024-06-11)"));
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON)
                .body(passage(UUID.randomUUID(), 307, "L1-P01", "2023-06-12T09:00:00Z")).post("/api/races/" + RACE + "/passages")
                .then().statusCode(201);
    }

    @Test
    void whenTheDatabaseRefusesOneItemOfABatchOnlyThatItemFails() {
        List<io.regularity.timing.domain.PassageParser.Parsed> items = new java.util.ArrayList<>();
        for (int car = 1; car <= 5; car++) {
            items.add(parsed(UUID.randomUUID(), 310 + car, "L1-P01"));
        }
        items.add(2, parsed(UUID.randomUUID(), 316, "L1-P\u0000")); // past the parser: PostgreSQL refuses a NUL in text
        var results = service.record(RACE, items);
        assertEquals(List.of("CREATED", "CREATED", "INVALID", "CREATED", "CREATED", "CREATED"),
                results.stream().map(r -> r.status().name()).toList());
        assertTrue(results.get(2).errors().get(0).message().startsWith("refused by the database"));
        for (int i : new int[] { 0, 1, 3, 4, 5 }) {
            given().get("/api/races/" + RACE + "/passages/" + items.get(i).rawId()).then().statusCode(200);
        }
    }

    @Test
    void aGroupCommitWithOnePoisonedPostAnswersEveryOtherPost() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                var item = i == 3 ? parsed(UUID.randomUUID(), 330, "L1-P\u0000") : parsed(UUID.randomUUID(), 320 + i, "L1-P02");
                answers.add(pool.submit(() -> {
                    start.await();
                    return groupCommit.record(RACE, item).status().name();
                }));
            }
            start.countDown();
            List<String> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertEquals(List.of("CREATED", "CREATED", "CREATED", "INVALID", "CREATED", "CREATED", "CREATED", "CREATED"), statuses);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theRacesArePublishedWithTheirTimingPointsInRouteOrderForSettingUpAPost() {
        given().get("/api/races").then().statusCode(200)
                .body("find { it.id == 'golden-race' }.name", equalTo("Golden Race"))
                .body("find { it.id == 'golden-race' }.legs[0].number", equalTo(1))
                .body("find { it.id == 'golden-race' }.legs[0].timingPoints.id", contains("L1-START", "L1-P01", "L1-P02"))
                .body("find { it.id == 'golden-race' }.legs[0].timingPoints[1].town", equalTo("Brescia"))
                .body("find { it.id == 'golden-race' }.legs[0].timingPoints[1].km", equalTo(1.0f));
    }

    @Test
    void aTimingPostVoidsItsOwnDevicesPassagesOnly() {
        UUID own = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON)
                .body(passage(own, 340, "L1-P01", "2024-06-11T09:00:00Z")).post("/api/races/" + RACE + "/passages").then().statusCode(201);
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON)
                .body(passage(other, 341, "L1-P01", "2024-06-11T09:00:00Z").replace("tk-17", "tk-99"))
                .post("/api/races/" + RACE + "/passages").then().statusCode(201);
        String post = "Bearer " + io.regularity.testsupport.Tokens.forTests().timekeeper("post-17", "tk-17", RACE);
        given().header("Authorization", post).contentType(ContentType.JSON).body("{\"reason\": \"car 340 corrected to 343 at the post\"}")
                .post("/api/races/" + RACE + "/passages/" + own + "/void").then().statusCode(200).body("status", equalTo("VOIDED"));
        given().header("Authorization", post).contentType(ContentType.JSON).body("{\"reason\": \"not mine\"}")
                .post("/api/races/" + RACE + "/passages/" + other + "/void").then().statusCode(403);
        given().get("/api/races/" + RACE + "/passages/" + other).then().body("status", equalTo("RECORDED"));
    }

    @Test
    void aVoidIsListedAndUndoneAsANewFactWithWhoWhenAndWhy() {
        UUID id = UUID.randomUUID();
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON)
                .body(passage(id, 350, "L1-P02", "2024-06-11T10:00:00Z")).post("/api/races/" + RACE + "/passages").then().statusCode(201);
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON).body("{\"reason\": \"typed 350 for 530\"}")
                .post("/api/races/" + RACE + "/passages/" + id + "/void").then().statusCode(200);
        given().get("/api/races/" + RACE + "/passages?status=VOIDED&car=350").then().statusCode(200).body("total", equalTo(1))
                .body("entries[0].voidReason", equalTo("typed 350 for 530"));
        given().get("/api/races/" + RACE + "/passages?status=LOST").then().statusCode(400);
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON).body("{\"reason\": \"mine\"}")
                .post("/api/races/" + RACE + "/passages/" + id + "/restore").then().statusCode(403);
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON).body("{}")
                .post("/api/races/" + RACE + "/passages/" + id + "/restore").then().statusCode(400).body("errors[0].field", equalTo("reason"));
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON)
                .body("{\"reason\": \"it was 350 after all: the backup chronometer agrees\"}")
                .post("/api/races/" + RACE + "/passages/" + id + "/restore").then().statusCode(200).body("status", equalTo("RECORDED"));
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON).body("{\"reason\": \"again\"}")
                .post("/api/races/" + RACE + "/passages/" + id + "/restore").then().statusCode(409);
        given().get("/api/races/" + RACE + "/passages?status=VOIDED&car=350").then().body("total", equalTo(0));
        given().header("Authorization", RealServers.timekeeper("*")).get("/api/races/" + RACE + "/passages/changes").then().statusCode(403);
        given().header("Authorization", RealServers.raceDirection()).get("/api/races/" + RACE + "/passages/changes").then().statusCode(200)
                .body("findAll { it.passageId == '" + id + "' }.kind", contains("VOID", "RESTORE"))
                .body("findAll { it.passageId == '" + id + "' }.by", contains("race-director", "race-director"));
        var records = TopicReader.readUntil(RealServers.kafka().bootstrapServers(), "passages",
                rs -> rs.stream().anyMatch(r -> r.value().contains("PassageRestored") && r.value().contains(id.toString())),
                Duration.ofSeconds(30));
        var restored = records.stream().filter(r -> r.value().contains("PassageRestored") && r.value().contains(id.toString()))
                .findFirst().orElseThrow();
        assertEquals(GoldenEvents.shape(GoldenEvents.sample("PassageRestored")), GoldenEvents.shape(restored.value()));
        assertEquals(RACE + "/350", restored.key());
    }

    @Test
    void aDeviceTokenRouteServiceRevokesIsRefusedHereWithinAMinute() throws Exception {
        String token = Tokens.forTests().timekeeper("tk-lost", "tk-lost", RACE);
        String scripted = Tokens.forTests().timekeeper("script", "tk-lost", "*");
        String tokenId = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).get("jti").asText();
        String body = passage(UUID.randomUUID(), 5, "L1-P01", "2024-06-11T09:00:00Z").replace("\"tk-17\"", "\"tk-lost\"");
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(body).post("/api/races/" + RACE + "/passages")
                .then().statusCode(201);
        RealServers.send("route-events", RACE + "/device/tk-lost", """
                {"eventId": "%s", "type": "DeviceRevoked", "schemaVersion": 1, "occurredAt": "%s", "raceId": "%s", "device": "tk-lost",
                 "tokenId": "%s", "by": "race-director"}""".formatted(UUID.randomUUID(), Instant.now(), RACE, tokenId));
        await().atMost(Duration.ofSeconds(60)).until(() -> given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(passage(UUID.randomUUID(), 6, "L1-P01", "2024-06-11T09:00:01Z").replace("\"tk-17\"", "\"tk-lost\""))
                .post("/api/races/" + RACE + "/passages").statusCode() == 401);
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(passage(UUID.randomUUID(), 7, "L1-P01", "2024-06-11T09:00:02Z").replace("\"tk-17\"", "\"tk-lost\""))
                .post("/api/races/" + RACE + "/passages").then().statusCode(401).body("detail", startsWith("this device's token was revoked"));
        // issue 34: a revocation named one token; another naming the device, issued before (deploy/issue-token's), is refused too
        given().header("Authorization", "Bearer " + scripted).contentType(ContentType.JSON)
                .body(passage(UUID.randomUUID(), 7, "L1-P01", "2024-06-11T09:00:02Z").replace("\"tk-17\"", "\"tk-lost\""))
                .post("/api/races/" + RACE + "/passages").then().statusCode(401);
        // and one issued after it (the device given again) posts
        String after = Tokens.forTests().issue("tk-lost", List.of("timekeeper"), List.of(RACE), "tk-lost", Instant.now().plusSeconds(2),
                Duration.ofDays(1), Tokens.AUDIENCE);
        given().header("Authorization", "Bearer " + after).contentType(ContentType.JSON)
                .body(passage(UUID.randomUUID(), 9, "L1-P01", "2024-06-11T09:00:04Z").replace("\"tk-17\"", "\"tk-lost\""))
                .post("/api/races/" + RACE + "/passages").then().statusCode(201);
        // another device's token still posts
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON)
                .body(passage(UUID.randomUUID(), 8, "L1-P01", "2024-06-11T09:00:03Z")).post("/api/races/" + RACE + "/passages").then().statusCode(201);
    }
}
