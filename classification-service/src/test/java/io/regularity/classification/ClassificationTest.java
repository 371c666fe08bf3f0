package io.regularity.classification;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.support.csv.Csv;
import io.regularity.support.csv.Xlsx;
import io.regularity.testsupport.GoldenEvents;
import io.regularity.testsupport.RealServers;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

import static io.regularity.classification.Events.circuitDefined;
import static io.regularity.classification.Events.passage;
import static io.regularity.classification.Events.passageRecorded;
import static io.regularity.classification.Events.timedPassage;
import static io.regularity.classification.Events.raceDefined;
import static io.regularity.classification.Events.route;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "classification"))
class ClassificationTest {

    @Inject
    DataSource database;

    /**
     * Issue 35: a trial type classification does not know was carried as text and scored as a CT. The definition is
     * refused where it is read: set aside with the reason, the race not scored; the events after it go on.
     */
    @Test
    void aDefinitionWithAnUnknownTrialTypeIsSetAsideNotScoredAsACt() throws Exception {
        String race = "r-unknown-type";
        route(race, raceDefined(race, "PENALTIES", 1, "OPEN").replace("\"type\": \"CT\"", "\"type\": \"GPS\""));
        awaitTrue(() -> {
            try (var c = database.getConnection(); var q = c.prepareStatement(
                    "select reason from rejected_event where topic = 'route-events' and payload like '%' || ? || '%'")) {
                q.setString(1, race);
                try (var rs = q.executeQuery()) {
                    return rs.next() && rs.getString(1).contains("\"GPS\": not one of the values accepted");
                }
            }
        });
        given().get("/api/races/" + race + "/standings").then().statusCode(404);
        route(race, raceDefined(race, "PENALTIES", 2, "OPEN"));
        awaitRace(race);
    }

    static final Instant T = Instant.parse("2024-06-11T09:00:00Z");

    static String crew(int car, String coefficient, boolean ladies, String category, String team) {
        return """
                {"car": %d, "driver": {"name": "Driver %d", "female": %b}, "codriver": {"name": "Codriver %d", "female": %b},
                 "carModel": "Fiat 508", "carYear": 1934, "coefficient": %s, "category": "%s", "team": %s}
                """.formatted(car, car, ladies, car, ladies, coefficient, category, team == null ? "null" : "\"" + team + "\"");
    }

    static void putCrew(String raceId, int car, String coefficient) {
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON).body(crew(car, coefficient, false, "A", null))
                .put("/api/races/" + raceId + "/crews/" + car).then().statusCode(200);
    }

    static void awaitTrue(Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(condition);
    }

    static String score(String raceId, int car) {
        return given().get("/api/races/" + raceId + "/crews/" + car + "/results").then().extract().path("score").toString();
    }

    static void awaitRace(String raceId) {
        awaitTrue(() -> given().get("/api/races/" + raceId + "/standings").statusCode() == 200);
    }

    @Test
    void theGoldenEventsAreReadAndScoredWithTheClockOffset() {
        route("golden-race", GoldenEvents.sample("RaceDefined"));
        awaitRace("golden-race");
        putCrew("golden-race", 48, "1.80");
        // golden passage: L1-P02 at 09:12:33.470 with clock offset −12 ms → official 09:12:33.458
        passage("golden-race", 48, GoldenEvents.sample("PassageRecorded"));
        passage("golden-race", 48, passageRecorded("golden-race", UUID.randomUUID(), 48, "L1-P01",
                Instant.parse("2024-06-11T09:12:21.458Z"), 0));
        awaitTrue(() -> score("golden-race", 48).equals("756.0"));
        given().get("/api/races/golden-race/crews/48/results").then()
                .body("rank", equalTo(1)).body("state", equalTo("RUNNING"))
                .body("trials[0].trial", equalTo("PC1")).body("trials[0].state", equalTo("MEASURED"))
                .body("trials[0].penalty", equalTo(0)).body("trials[0].points", equalTo(756.0f))
                .body("trials[0].passages", hasSize(2));
        // and the golden void takes the finish away again
        passage("golden-race", 48, GoldenEvents.sample("PassageVoided"));
        awaitTrue(() -> score("golden-race", 48).equals("0.0"));
    }

    @Test
    void standingsRankTiesShareARankAndRetiredCrewsComeLast() {
        String race = "r-rank";
        route(race, raceDefined(race, "PENALTIES", 1, "OPEN"));
        awaitRace(race);
        for (int car : List.of(1, 2, 3, 4)) {
            putCrew(race, car, "1.00");
        }
        // PC1 penalties: car 1 → 5, car 2 → 2, car 3 → 2, car 4 → 0 (then retired)
        int[] off = { 0, 50, 20, 20, 0 };
        for (int car : List.of(1, 2, 3, 4)) {
            passage(race, car, passageRecorded(race, UUID.randomUUID(), car, "P1", T, 0));
            passage(race, car, passageRecorded(race, UUID.randomUUID(), car, "P2", T.plusMillis(12_000 + off[car]), 0));
        }
        awaitTrue(() -> given().get("/api/races/" + race + "/standings").path("entries.findAll { it.trialsScored == 1 }.size()")
                .equals(4));
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON).body("{\"type\": \"RETIRE\", \"car\": 4, \"reason\": \"gearbox\"}")
                .post("/api/races/" + race + "/rulings").then().statusCode(201).body("by", equalTo("race-director"));
        given().get("/api/races/" + race + "/standings").then().statusCode(200)
                .body("list", equalTo("overall")).body("model", equalTo("PENALTIES")).body("status", equalTo("PROVISIONAL"))
                .body("asOfTrial", equalTo("PC1")).body("total", equalTo(4))
                .body("entries.car", contains(2, 3, 1, 4))
                .body("entries.rank", contains(1, 1, 3, null))
                .body("entries.score", contains(2.0f, 2.0f, 5.0f, 0.0f))
                .body("entries.gapToLeader", contains(0.0f, 0.0f, 3.0f, null))
                .body("entries.gapToPrevious", contains(0.0f, 0.0f, 3.0f, null))
                .body("entries.state", contains("RUNNING", "RUNNING", "RUNNING", "RETIRED"))
                .body("entries[3]", org.hamcrest.Matchers.hasKey("rank"))
                .body("entries[0].crew", equalTo("2 / 2"));
        given().get("/api/races/" + race + "/standings?size=2&page=1").then()
                .body("total", equalTo(4)).body("entries.car", contains(1, 4));
        given().get("/api/races/" + race + "/trials/PC1/results").then().statusCode(200)
                .body("type", equalTo("PC")).body("entries.car", contains(4, 2, 3, 1)).body("entries.rank", contains(1, 2, 2, 4));
        given().get("/api/races/" + race + "/standings.csv").then().statusCode(200)
                .body(org.hamcrest.Matchers.startsWith("\uFEFFrank,car,crew,carModel,carYear,coefficient,score"))
                .body(org.hamcrest.Matchers.containsString("1,2,2 / 2,Fiat 508,1934,1.00,2.00,1,0.00,0.00,RUNNING"));
    }

    @Test
    void theOtherListsLadiesLegCategoryTrophyAndTeams() {
        String race = "r-lists";
        route(race, raceDefined(race, "PENALTIES", 1, "OPEN"));
        awaitRace(race);
        String crews = "[" + String.join(",", crew(1, "1.50", true, "A", "Scuderia"), crew(2, "1.00", false, "B", "Scuderia"),
                crew(3, "1.20", true, "B", "Scuderia"), crew(4, "1.00", false, "A", "Solo")) + "]";
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON).body(crews).post("/api/races/" + race + "/crews").then().statusCode(200)
                .body("imported", equalTo(4));
        for (int car = 1; car <= 4; car++) {
            passage(race, car, passageRecorded(race, UUID.randomUUID(), car, "P1", T, 0));
            passage(race, car, passageRecorded(race, UUID.randomUUID(), car, "P2", T.plusMillis(12_000 + 10L * car), 0));
            passage(race, car, passageRecorded(race, UUID.randomUUID(), car, "P3", T.plusMillis(32_000 + 10L * car + 100), 0));
        }
        // PC1 penalty = car, PC2 penalty = 10; totals × coefficient: 1 → 16.5, 2 → 12, 3 → 15.6, 4 → 14
        awaitTrue(() -> given().get("/api/races/" + race + "/standings").path("entries.findAll { it.trialsScored == 2 }.size()")
                .equals(4));
        given().get("/api/races/" + race + "/standings").then().body("entries.car", contains(2, 4, 3, 1))
                .body("entries.score", contains(12.0f, 14.0f, 15.6f, 16.5f));
        // ladies and categories rank the total without the coefficient
        given().get("/api/races/" + race + "/standings?list=ladies").then()
                .body("entries.car", contains(1, 3)).body("entries.score", contains(11.0f, 13.0f));
        given().get("/api/races/" + race + "/standings?list=category&category=B").then().body("entries.car", contains(2, 3));
        given().get("/api/races/" + race + "/standings?list=trophy&trophy=T").then()
                .body("entries.score", contains(10.0f, 10.0f, 12.0f, 15.0f)).body("entries.rank", contains(1, 1, 3, 4));
        given().get("/api/races/" + race + "/standings?list=leg&leg=1").then().body("entries.car", contains(2, 4, 3, 1));
        given().get("/api/races/" + race + "/standings?list=teams").then()
                .body("entries.team", contains("Scuderia", "Solo")).body("entries[0].score", equalTo(44.1f))
                .body("entries[0].cars", contains(2, 3, 1)).body("entries.rank", contains(1, null));
        given().get("/api/races/" + race + "/standings?list=leg&leg=9").then().statusCode(400).body("errors[0].field", equalTo("leg"));
        given().get("/api/races/" + race + "/standings?list=podium").then().statusCode(400);
        given().get("/api/races/" + race + "/standings?size=501").then().statusCode(400);
        given().get("/api/races/no-race/standings").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aCsvImportWithABadRowNamesItAndImportsNothing() {
        String race = "r-csv";
        String csv = """
                car,driver,driverFemale,codriver,codriverFemale,carModel,carYear,coefficient,category,team
                11,Anna Rossi,true,Bea Verdi,true,"Lancia Lambda, Spider",1927,1.75,1927-1929,
                12,Carlo Neri,false,Dino Blu,false,Bugatti T35,1925,4.20,1919-1926,
                """;
        given().header("Authorization", RealServers.raceDirection()).contentType("text/csv").body(csv).post("/api/races/" + race + "/crews").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.message", contains("row 3: coefficient must be between 1.00 and 3.00"));
        given().get("/api/races/" + race + "/crews").then().body("$", hasSize(0));
        given().header("Authorization", RealServers.raceDirection()).contentType("text/csv").body(csv.replace("4.20", "1.20")).post("/api/races/" + race + "/crews").then()
                .statusCode(200).body("imported", equalTo(2));
        given().get("/api/races/" + race + "/crews").then().body("carModel", contains("Lancia Lambda, Spider", "Bugatti T35"))
                .body("[0].driver.female", equalTo(true)).body("[1].coefficient", equalTo(1.2f));
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON).body(crew(13, "0.5", false, "A", null).replace("\"Driver 13\"", "\"\""))
                .put("/api/races/" + race + "/crews/13").then().statusCode(400)
                .body("errors.field", contains("driver.name", "coefficient"));
    }

    @Test
    void aCsvSavedByExcelInItalyImportsWithItsByteOrderMarkSemicolonsAndDecimalCommas() {
        String race = "r-csv-excel";
        route(race, raceDefined(race, "PENALTIES", 1, "OPEN"));
        awaitRace(race);
        String csv = "\uFEFFcar;driver;driverFemale;codriver;codriverFemale;carModel;carYear;coefficient;category;team\r\n"
                + "21;Niccolò Bòsco;no;Anna Ré;sì;\"Fiat 508 S; Balilla\";1934;1,45;1931-1937;Scuderia Città\r\n"
                + ";;;;;;;;;\r\n"
                + "22;Luca Bianchi;;;;Alfa Romeo 6C;1929;1,8;1927-1929;\r\n";
        given().header("Authorization", RealServers.raceDirection()).contentType("text/csv; charset=UTF-8")
                .body(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/races/" + race + "/crews").then()
                .statusCode(200).body("imported", equalTo(2));
        given().get("/api/races/" + race + "/crews").then().body("car", contains(21, 22))
                .body("[0].driver.name", equalTo("Niccolò Bòsco")).body("[0].driver.female", equalTo(false))
                .body("[0].codriver.female", equalTo(true)).body("[0].carModel", equalTo("Fiat 508 S; Balilla"))
                .body("[0].coefficient", equalTo(1.45f)).body("[0].team", equalTo("Scuderia Città"))
                .body("[1].coefficient", equalTo(1.8f));
        // the entry list is an array, paged in headers: X-Total-Count and a Link to the next page
        given().get("/api/races/" + race + "/crews?size=1").then().statusCode(200).body("car", contains(21))
                .header("X-Total-Count", "2").header("Link", org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("page=1"), org.hamcrest.Matchers.containsString("rel=\"next\"")));
        given().get("/api/races/" + race + "/crews?size=1&page=1").then().body("car", contains(22))
                .header("Link", org.hamcrest.Matchers.nullValue());
        given().get("/api/races/" + race + "/crews?size=501").then().statusCode(400).body("errors[0].field", equalTo("size"));
        // a file saved as plain "CSV" (Windows-1252) would lose the accents: refused, saying how to save it
        given().header("Authorization", RealServers.raceDirection()).contentType("text/csv; charset=UTF-8")
                .body(csv.replace("\uFEFF", "").getBytes(java.nio.charset.Charset.forName("windows-1252")))
                .post("/api/races/" + race + "/crews").then().statusCode(400)
                .body("errors[0].message", org.hamcrest.Matchers.containsString("CSV UTF-8"));
        byte[] export = given().get("/api/races/" + race + "/standings.csv").then().statusCode(200).extract().asByteArray();
        org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF },
                java.util.Arrays.copyOf(export, 3), "the export starts with a UTF-8 byte-order mark");
        String text = new String(export, java.nio.charset.StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertTrue(text.contains(",21,Bòsco / Ré,\"Fiat 508 S; Balilla\",") || text.contains(",21,Bòsco / Ré,Fiat 508 S; Balilla,"), text);
    }

    @Test
    void redeliveredEventsChangeNothingAndAPoisonEventDoesNotStopTheStream() {
        String race = "r-redeliver";
        route(race, raceDefined(race, "POINTS", 1, "OPEN"));
        awaitRace(race);
        putCrew(race, 5, "1.25");
        String start = passageRecorded(race, UUID.randomUUID(), 5, "P1", T, 0);
        String finish = passageRecorded(race, UUID.randomUUID(), 5, "P2", T.plusMillis(12_010), 0);
        passage(race, 5, start);
        passage(race, 5, "{not json");
        passage(race, 5, "{\"eventId\": \"" + UUID.randomUUID() + "\", \"type\": \"PassageRecorded\"}");
        passage(race, 5, finish);
        awaitTrue(() -> score(race, 5).equals("493.75"));
        var dead = io.regularity.testsupport.TopicReader.readUntil(RealServers.kafka().bootstrapServers(), "passages-dlq",
                rs -> rs.stream().filter(r -> r.value().equals("{not json")).count() >= 1, Duration.ofSeconds(30));
        var poison = dead.stream().filter(r -> r.value().equals("{not json")).findFirst().orElseThrow();
        assertTrue(new String(poison.headers().lastHeader("reason").value()).startsWith("unreadable event"));
        // the same events again, and the same passage under a new event id: nothing changes
        passage(race, 5, start);
        passage(race, 5, finish);
        passage(race, 5, finish.replaceFirst("\"eventId\": \"[^\"]+\"", "\"eventId\": \"" + UUID.randomUUID() + "\""));
        String marker = passageRecorded(race, UUID.randomUUID(), 5, "P4", T.plusMillis(60_000), 0);
        passage(race, 5, marker);
        awaitTrue(() -> given().get("/api/races/" + race + "/crews/5/results").path("trials[2].state").equals("MEASURED"));
        // PC1 493.75, PC2 missed (seen at P4) → 0 points, CT1 measured → 0
        assertEquals("493.75", score(race, 5));
        given().get("/api/races/" + race + "/anomalies").then().body("total", equalTo(0));
    }

    @Test
    void anomaliesNameUnknownCarsDuplicatesAndMultipleCrossings() {
        String race = "r-anomalies";
        route(race, raceDefined(race, "PENALTIES", 1, "OPEN"));
        awaitRace(race);
        putCrew(race, 7, "1.00");
        passage(race, 7, passageRecorded(race, UUID.randomUUID(), 7, "P1", T, 0));
        passage(race, 7, passageRecorded(race, UUID.randomUUID(), 7, "P1", T.plusMillis(1200), 0));
        passage(race, 7, passageRecorded(race, UUID.randomUUID(), 7, "P1", T.plusMillis(60_000), 0));
        passage(race, 7, passageRecorded(race, UUID.randomUUID(), 7, "P9", T, 0));
        passage(race, 99, passageRecorded(race, UUID.randomUUID(), 99, "P1", T, 0));
        awaitTrue(() -> (int) given().get("/api/races/" + race + "/anomalies").path("total") == 4);
        given().get("/api/races/" + race + "/anomalies").then()
                .body("entries.type", contains("UNKNOWN_CAR", "UNKNOWN_POINT", "DUPLICATE", "MULTIPLE_CROSSINGS"))
                .body("entries[0].car", equalTo(99));
    }

    @Test
    void rulingsAreValidatedAndARouteClosureMakesTheListFinal() {
        String race = "r-rulings";
        route(race, raceDefined(race, "PENALTIES", 1, "OPEN"));
        awaitRace(race);
        putCrew(race, 8, "2.00");
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON).body("{\"type\": \"FINE\", \"car\": 999, \"trial\": \"PC9\"}")
                .post("/api/races/" + race + "/rulings").then().statusCode(400)
                .body("errors.field", contains("type", "car", "trial", "reason"));
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON).body("{\"type\": \"STEWARD_PENALTY\", \"car\": 8, \"points\": 500, \"reason\": \"speeding\"}")
                .post("/api/races/" + race + "/rulings").then().statusCode(201).body("points", equalTo(500));
        awaitTrue(() -> score(race, 8).equals("1000.0"));
        String closed = raceDefined(race, "PENALTIES", 2, "NEUTRALISED").replace("\"status\": \"OPEN\"", "\"status\": \"CLOSED\"");
        route(race, closed);
        // PC1 and CT1 closed and missed (300 + 300), PC2 neutralised, steward 500: 1100 × 2.00
        awaitTrue(() -> score(race, 8).equals("2200.0"));
        assertEquals("PROVISIONAL", given().get("/api/races/" + race + "/standings").path("status"), "closed is not published");
        // race direction publishes leg 1 (route-service's revision 3), then the race (revision 4)
        String legPublished = "\"published\": {\"legs\": {\"1\": {\"at\": \"2024-06-11T18:00:00.000Z\", \"by\": \"clerk\", \"revision\": 3}}},";
        route(race, closed.replace("\"revision\": 2", "\"revision\": 3").replace("\"trophies\":", legPublished + " \"trophies\":"));
        awaitTrue(() -> "FINAL".equals(given().get("/api/races/" + race + "/standings?list=leg&leg=1").path("status")));
        given().get("/api/races/" + race + "/standings?list=leg&leg=1").then().body("published.by", equalTo("clerk"));
        assertEquals("PROVISIONAL", given().get("/api/races/" + race + "/standings").path("status"), "the race is not published yet");
        String racePublished = "\"published\": {\"legs\": {\"1\": {\"at\": \"2024-06-11T18:00:00.000Z\", \"by\": \"clerk\", \"revision\": 3}},"
                + " \"race\": {\"at\": \"2024-06-11T19:00:00.000Z\", \"by\": \"clerk\", \"revision\": 4}},";
        route(race, closed.replace("\"revision\": 2", "\"revision\": 4").replace("\"trophies\":", racePublished + " \"trophies\":"));
        awaitTrue(() -> "FINAL".equals(given().get("/api/races/" + race + "/standings").path("status")));
        given().get("/api/races/" + race + "/standings").then().body("published.at", equalTo("2024-06-11T19:00:00.000Z"));
        assertEquals("2200.0", score(race, 8));
        given().get("/api/races/" + race + "/crews/8/results").then()
                .body("trials.state", contains("MISSED", "NEUTRALISED", "MISSED", "MEASURED"))
                .body("trials[3].type", equalTo("STEWARD"));
    }

    @Test
    void theSameFactsInAnyOrderGiveIdenticalStandingsAndARebuildChangesNothing() {
        Random random = new Random(7);
        List<String> facts = new ArrayList<>();
        for (int car = 1; car <= 12; car++) {
            String[] points = { "P0", "P1", "P2", "P3", "P4", "P5" };
            for (int i = 0; i < points.length; i++) {
                if (random.nextInt(8) > 0) {
                    facts.add(car + "|" + points[i] + "|" + (i * 20_000L + random.nextInt(400)));
                }
                if (random.nextInt(6) == 0) {
                    facts.add(car + "|" + points[i] + "|" + (i * 20_000L + random.nextInt(30_000)));
                }
            }
        }
        String expected = null;
        for (int run = 0; run < 3; run++) {
            String race = "r-order-" + run;
            List<String> shuffled = new ArrayList<>(facts);
            Collections.shuffle(shuffled, random);
            route(race, raceDefined(race, "POINTS", 1, "OPEN"));
            awaitRace(race);
            String standings = scoredThenRebuilt(race, shuffled, 12);
            if (expected == null) {
                expected = standings;
            } else {
                assertEquals(expected, standings, "another arrival order gave other standings");
            }
        }
    }

    @Test
    void aCircuitsCrossingsInAnyOrderGiveIdenticalStandingsAndARebuildChangesNothing() {
        Random random = new Random(24);
        List<String> facts = new ArrayList<>();
        for (int car = 1; car <= 8; car++) {
            for (int lap = 0; lap <= 4; lap++) { // four laps, and the line that ends the last
                long base = lap * 100_000L;
                facts.add(car + "|C-A|" + (base + random.nextInt(300)));
                if (random.nextInt(3) == 0) {
                    facts.add(car + "|C-A|" + (base + 400 + random.nextInt(3000))); // the line's backup chronometer
                }
                if (lap < 4) {
                    if (random.nextInt(10) > 0) {
                        facts.add(car + "|C-B|" + (base + 20_000 + random.nextInt(400)));
                    }
                    facts.add(car + "|C-C|" + (base + 70_000 + random.nextInt(400)));
                }
            }
            if (car == 3) {
                facts.add(car + "|C-B|" + 500_000); // after the line ending the last lap: outside the laps
            }
        }
        // car 5's line crossing starting lap 3 (and its backup) not recorded
        facts.removeIf(f -> f.startsWith("5|C-A|") && Long.parseLong(f.split("\\|")[2]) / 100_000 == 2);
        String expected = null;
        for (int run = 0; run < 3; run++) {
            String race = "r-circuit-" + run;
            List<String> shuffled = new ArrayList<>(facts);
            Collections.shuffle(shuffled, random);
            route(race, circuitDefined(race, 4));
            awaitRace(race);
            String standings = scoredThenRebuilt(race, shuffled, 8);
            if (expected == null) {
                expected = standings;
                // the missed line and the crossing outside the laps are raised, each with its lap where it has one
                given().get("/api/races/" + race + "/anomalies?severity=ACTION&size=500").then().statusCode(200)
                        .body("entries.findAll { it.type == 'LAP_LINE_MISSED' }.car", equalTo(List.of(5)))
                        .body("entries.findAll { it.type == 'LAP_LINE_MISSED' }.lap", equalTo(List.of(2)))
                        .body("entries.findAll { it.type == 'OUTSIDE_LAPS' }.car", equalTo(List.of(3)));
                given().get("/api/races/" + race + "/crews/1/results").then().statusCode(200)
                        .body("trials.find { it.trial == 'PC4' }.start.lap", equalTo(2))
                        .body("trials.find { it.trial == 'PC4' }.finish.lap", equalTo(3));
            } else {
                assertEquals(expected, standings, "another arrival order gave other standings");
            }
        }
    }

    /**
     * Enters crews 1..{@code crews}, sends a race's passages ({@code car|point|ms after T}) in the given order, waits until
     * they are scored, and checks that a rebuild from the stored facts changes nothing; answers the standings.
     */
    private static String scoredThenRebuilt(String race, List<String> facts, int crews) {
        for (int car = 1; car <= crews; car++) {
            putCrew(race, car, "1." + (10 + car));
        }
        for (String f : facts) {
            String[] parts = f.split("\\|");
            int car = Integer.parseInt(parts[0]);
            passage(race, car, passageRecorded(race, UUID.nameUUIDFromBytes((race + f).getBytes()), car, parts[1],
                    T.plusMillis(Long.parseLong(parts[2])), 0));
        }
        RealServers.awaitConsumed("classification-service", "passages", Duration.ofSeconds(60));
        String standings = entries(race);
        given().header("Authorization", RealServers.raceDirection()).post("/api/races/" + race + "/rebuild").then().statusCode(200)
                .body("crews", equalTo(crews));
        assertEquals(standings, entries(race), "rebuild changed the standings of " + race);
        return standings;
    }

    private static String entries(String race) {
        return given().get("/api/races/" + race + "/standings?size=500").then().extract().jsonPath().getList("entries").toString();
    }


    @Test
    void theEntryListGoesOutAsASpreadsheetAndComesBackTheSameAndADryRunStoresNothing() {
        String race = "r-entries";
        route(race, raceDefined(race, "PENALTIES", 1, "OPEN"));
        awaitRace(race);
        putCrew(race, 21, "1.45");
        putCrew(race, 22, "1.00");
        String json = given().get("/api/races/" + race + "/crews").then().statusCode(200).extract().asString();
        String csv = given().accept("text/csv").get("/api/races/" + race + "/crews").then().statusCode(200)
                .header("Content-Disposition", containsString(race + "-crews.csv")).extract().asString();
        assertTrue(csv.startsWith("\uFEFFcar,driver,driverFemale,codriver"), csv);
        byte[] workbook = given().accept(Xlsx.MEDIA_TYPE).get("/api/races/" + race + "/crews").then().statusCode(200).extract().asByteArray();
        // a dry run of the workbook: the crews it would import, row by row, and nothing stored
        given().header("Authorization", RealServers.raceDirection()).contentType(Xlsx.MEDIA_TYPE).body(workbook).queryParam("dryRun", true)
                .post("/api/races/r-entries-other/crews").then().statusCode(200).header("X-Dry-Run", "true").body("wouldImport", equalTo(2))
                .body("crews.row", contains("row 2", "row 3")).body("crews[0].crew.coefficient", equalTo(1.45f));
        given().get("/api/races/r-entries-other/crews").then().body("size()", equalTo(0));
        // imported again, from either: the same entry list
        given().header("Authorization", RealServers.raceDirection()).contentType(Xlsx.MEDIA_TYPE).body(workbook).post("/api/races/" + race + "/crews")
                .then().statusCode(200).body("imported", equalTo(2));
        given().header("Authorization", RealServers.raceDirection()).contentType("text/csv; charset=UTF-8")
                .body(csv.getBytes(StandardCharsets.UTF_8)).post("/api/races/" + race + "/crews").then().statusCode(200).body("imported", equalTo(2));
        assertEquals(json, given().get("/api/races/" + race + "/crews").then().extract().asString());
        // a workbook with a bad row names it and imports nothing
        byte[] bad = Xlsx.write("Crews", List.of(List.of("car", "driver", "coefficient"), List.of(30, "Zoë", 4)));
        given().header("Authorization", RealServers.raceDirection()).contentType(Xlsx.MEDIA_TYPE).body(bad).post("/api/races/" + race + "/crews")
                .then().statusCode(400).body("errors.message", contains("row 2: coefficient must be between 1.00 and 3.00"));
    }

    @Test
    void aCrewIsWithdrawnBeforeTheStartButNotOnceItHasStarted() {
        String race = "r-withdraw";
        route(race, raceDefined(race, "PENALTIES", 1, "OPEN"));
        awaitRace(race);
        putCrew(race, 31, "1.00");
        putCrew(race, 32, "1.00");
        awaitTrue(() -> given().get("/api/races/" + race + "/standings").path("entries.car").toString().equals("[31, 32]"));
        passage(race, 32, passageRecorded(race, UUID.randomUUID(), 32, "P1", T, 0));
        awaitTrue(() -> "P1".equals(given().get("/api/races/" + race + "/crews/32/results").path("trials[0].start.point")));
        String auth = RealServers.raceDirection();
        given().header("Authorization", auth).delete("/api/races/" + race + "/crews/31").then().statusCode(204);
        given().get("/api/races/" + race + "/crews").then().body("car", contains(32));
        awaitTrue(() -> given().get("/api/races/" + race + "/standings").path("entries.car").toString().equals("[32]"));
        given().get("/api/races/" + race + "/crews/31/results").then().statusCode(404);
        given().header("Authorization", auth).delete("/api/races/" + race + "/crews/32").then().statusCode(409)
                .body("detail", containsString("retire it with a ruling"));
        given().header("Authorization", auth).delete("/api/races/" + race + "/crews/31").then().statusCode(404);
        given().delete("/api/races/" + race + "/crews/32").then().statusCode(401);
        // entered again: scored from nothing, as any new crew
        putCrew(race, 31, "1.00");
        awaitTrue(() -> given().get("/api/races/" + race + "/standings").path("entries.car").toString().equals("[31, 32]")
                || given().get("/api/races/" + race + "/standings").path("entries.car").toString().equals("[32, 31]"));
    }

    @Test
    void aSpreadsheetIsReadRowByRowAsTheImportsReadIt() {
        String auth = RealServers.raceDirection();
        given().header("Authorization", auth).contentType("text/csv; charset=UTF-8")
                .body((Csv.BOM + "car;driver;coefficient\r\n\r\n12;Zoë;1,45\r\n").getBytes(StandardCharsets.UTF_8)).post("/api/sheets").then()
                .statusCode(200).body("rows[0]", contains("car", "driver", "coefficient")).body("rows[1]", contains(""))
                .body("rows[2]", contains("12", "Zoë", "1,45"));
        byte[] workbook = Xlsx.write("Crews", List.of(List.of("car", "driver"), List.of(12, "Zoë")));
        given().header("Authorization", auth).contentType(Xlsx.MEDIA_TYPE).body(workbook).post("/api/sheets").then().statusCode(200)
                .body("rows[1]", contains("12", "Zoë"));
        given().header("Authorization", auth).contentType(Xlsx.MEDIA_TYPE).body("not a workbook".getBytes(StandardCharsets.UTF_8))
                .post("/api/sheets").then().statusCode(400).contentType("application/problem+json");
        given().contentType("text/csv").body("car\n1\n").post("/api/sheets").then().statusCode(401);
    }

    @Test
    void eachCrossingSaysHowGoodItsTimeIsAndAPcFromTwoUncertainClocksIsAtRisk() {
        String race = "r-clocks";
        route(race, raceDefined(race, "PENALTIES", 1, "OPEN"));
        awaitRace(race);
        putCrew(race, 41, "1.00");
        putCrew(race, 42, "1.00");
        // car 41: PC1 by two phones, 6 + 5 ms (at risk); PC2 by a chronometer at the reference and a phone, 0 + 4 ms (not)
        passage(race, 41, timedPassage(race, 41, "P1", T, "tk-a", 100, 6));
        passage(race, 41, timedPassage(race, 41, "P2", T.plusMillis(12_034), "tk-b", 100, 5));
        passage(race, 41, timedPassage(race, 41, "P3", T.plusMillis(32_034), "timy-1", 0.1, 0));
        // car 42: PC1 started and finished by one phone, ±40 ms each: its offset cancels
        passage(race, 42, timedPassage(race, 42, "P1", T.plusSeconds(60), "tk-c", 100, 40));
        passage(race, 42, timedPassage(race, 42, "P2", T.plusSeconds(72), "tk-c", 100, 40));
        awaitTrue(() -> "MEASURED".equals(given().get("/api/races/" + race + "/crews/41/results").path("trials[1].state"))
                && "MEASURED".equals(given().get("/api/races/" + race + "/crews/42/results").path("trials[0].state")));
        given().get("/api/races/" + race + "/crews/41/results").then()
                .body("trials[0].start.precisionMs", equalTo(100.0f)).body("trials[0].start.clockUncertaintyMs", equalTo(6.0f))
                .body("trials[0].finish.clockUncertaintyMs", equalTo(5.0f)).body("trials[0].finish.localTime", equalTo("09:00:12.034"))
                .body("trials[1].finish.precisionMs", equalTo(0.1f)).body("trials[1].finish.device", equalTo("timy-1"));
        given().header("Authorization", RealServers.raceDirection()).get("/api/races/" + race + "/trials").then().statusCode(200)
                .body("find { it.trial == 'PC1' }.atRisk", contains(41))
                .body("find { it.trial == 'PC2' }.atRisk.size()", equalTo(0))
                .body("find { it.trial == 'CT1' }.atRisk", equalTo(null));
        // and the export carries them
        String bundle = given().get("/api/races/" + race + "/export").then().statusCode(200).extract().asString();
        assertTrue(bundle.contains("\"precisionMs\":0.1"), bundle.substring(0, Math.min(400, bundle.length())));
    }

    @Test
    void raceDirectionWritesNeedItsToken() {
        given().contentType(ContentType.JSON).body(crew(1, "1.00", false, "A", null)).put("/api/races/r-auth/crews/1")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", RealServers.timekeeper("*")).contentType(ContentType.JSON)
                .body(crew(1, "1.00", false, "A", null)).put("/api/races/r-auth/crews/1").then().statusCode(403);
        given().post("/api/races/r-auth/rebuild").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").post("/api/races/r-auth/rulings").then().statusCode(401);
        given().get("/api/races/r-auth/crews").then().statusCode(200);
    }
}
