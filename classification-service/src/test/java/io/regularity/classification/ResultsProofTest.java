package io.regularity.classification;

import static io.regularity.classification.ClassificationTest.awaitTrue;
import static io.regularity.classification.Events.passage;
import static io.regularity.classification.Events.passageRecorded;
import static io.regularity.classification.Events.route;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.regularity.classification.verify.VerifyResults;
import io.regularity.testsupport.RealServers;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Issue 17: every hundredth shown, every list verifiable offline, any moment replayed. */
@QuarkusTest
@WithTestResource(value = RealServers.class, initArgs = @ResourceArg(name = "database", value = "classification"))
class ResultsProofTest {

    static final String RACE = "proof-race";
    static final Instant T = Instant.parse("2024-06-11T07:12:33.470Z");
    static final UUID START_1 = UUID.randomUUID(), FINISH_1 = UUID.randomUUID(), BACKUP_1 = UUID.randomUUID(),
            FINISH_2 = UUID.randomUUID();

    /** The test race of {@link Events#raceDefined}, in Rome's time zone. */
    static String race() {
        return Events.raceDefined(RACE, "PENALTIES", 1, "OPEN").replace("\"year\": 2024,", "\"year\": 2024, \"timeZone\": \"Europe/Rome\",");
    }

    static void send(UUID id, int car, String point, Instant time, String device) {
        passage(RACE, car, passageRecorded(RACE, id, car, point, time, 0).replace("\"tk-1\"", "\"" + device + "\""));
    }

    /**
     * Three crews on PC1 (12 s): car 1 is 0.034 s late with a backup chronometer's duplicate, then seen at CT1 (so it
     * missed PC2: 303 in all); car 2 is 0.025 s early (3); car 3 (coefficient 1.34) 0.5 s late (67.00).
     */
    static synchronized void race3() {
        if (given().get("/api/races/" + RACE + "/crews/3/results").statusCode() == 200
                && "MEASURED".equals(given().get("/api/races/" + RACE + "/crews/2/results").path("trials[0].state"))) {
            return;
        }
        route(RACE, race());
        ClassificationTest.awaitRace(RACE);
        for (int car = 1; car <= 3; car++) {
            ClassificationTest.putCrew(RACE, car, car == 3 ? "1.34" : "1.00");
        }
        send(START_1, 1, "P1", T, "tk-1");
        send(FINISH_1, 1, "P2", T.plusMillis(12_034), "tk-1");
        send(BACKUP_1, 1, "P2", T.plusMillis(12_214), "tk-2");
        send(UUID.randomUUID(), 1, "P4", T.plusSeconds(300), "tk-1");
        send(UUID.randomUUID(), 2, "P1", T.plusSeconds(60), "tk-1");
        send(FINISH_2, 2, "P2", T.plusMillis(60_000 + 11_975), "tk-1");
        send(UUID.randomUUID(), 3, "P1", T.plusSeconds(120), "tk-1");
        send(UUID.randomUUID(), 3, "P2", T.plusMillis(120_000 + 12_500), "tk-1");
        awaitTrue(() -> "MEASURED".equals(given().get("/api/races/" + RACE + "/crews/3/results").path("trials[0].state"))
                && "MEASURED".equals(given().get("/api/races/" + RACE + "/crews/2/results").path("trials[0].state"))
                && Integer.valueOf(1).equals(given().get("/api/races/" + RACE + "/crews/1/results").path("trials[0].ignored.size()")));
    }

    @Test
    void theBreakdownShowsTheCrossingsTheTimesAndWhatDidNotCount() {
        race3();
        given().get("/api/races/" + RACE + "/crews/1/results").then().statusCode(200)
                .body("timeZone", equalTo("Europe/Rome"))
                .body("trials[0].trial", equalTo("PC1")).body("trials[0].penalty", equalTo(3))
                .body("trials[0].start.passage", equalTo(START_1.toString()))
                .body("trials[0].start.time", equalTo("2024-06-11T07:12:33.470Z"))
                .body("trials[0].start.localTime", equalTo("09:12:33.470"))
                .body("trials[0].finish.passage", equalTo(FINISH_1.toString()))
                .body("trials[0].finish.localTime", equalTo("09:12:45.504"))
                .body("trials[0].targetMs", equalTo(12000)).body("trials[0].elapsedMs", equalTo(12034))
                .body("trials[0].deltaCs", equalTo(3))
                .body("trials[0].ignored", hasSize(1))
                .body("trials[0].ignored[0].passage", equalTo(BACKUP_1.toString()))
                .body("trials[0].ignored[0].reason", equalTo("DUPLICATE of " + FINISH_1 + " (backup chronometer tk-2, 180 ms later)"))
                .body("trials[2].trial", equalTo("CT1")).body("trials[2].crossing.point", equalTo("P4"));
        // early is negative, and its size is the penalty (1197 cs against 1200)
        given().get("/api/races/" + RACE + "/crews/2/results").then()
                .body("trials[0].deltaCs", equalTo(-3)).body("trials[0].penalty", equalTo(3))
                .body("trials[0].finish.passage", equalTo(FINISH_2.toString()));
    }

    @Test
    void everyListCarriesItsRevisionAndDigestAndTheExportVerifiesOffline(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        race3();
        Response list = given().queryParam("size", 500).get("/api/races/" + RACE + "/standings");
        list.then().statusCode(200).body("revision", equalTo(1)).body("digest", matchesPattern("sha256:[0-9a-f]{64}"));
        String digest = list.path("digest");
        assertEquals(digest, list.header("X-Results-Digest"));
        Response csv = given().get("/api/races/" + RACE + "/standings.csv");
        given().accept("text/csv").get("/api/races/" + RACE + "/standings").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv")).body(org.hamcrest.Matchers.startsWith("\uFEFFrank,car,crew"));
        assertEquals(digest, csv.header("X-Results-Digest"));
        assertEquals("1", csv.header("X-Results-Revision"));

        Path listFile = Files.writeString(dir.resolve("list.json"), list.asString());
        Path csvFile = Files.writeString(dir.resolve("list.csv"), csv.asString());
        Response export = given().header("Accept-Encoding", "identity").get("/api/races/" + RACE + "/export");
        export.then().statusCode(200).body("format", equalTo("regularity-results-bundle/1")).body("digest", equalTo(digest))
                .body("passages", hasSize(8));
        Path bundle = Files.write(dir.resolve("bundle.json"), export.asByteArray());
        assertEquals(0, verify(bundle, listFile).code(), () -> verify(bundle, listFile).output());
        assertEquals(0, verify(bundle, csvFile, "list=overall", "digest=" + digest).code());
        // gzipped on request, and the verifier reads it as it comes
        byte[] gzipped = given().header("Accept-Encoding", "gzip").get("/api/races/" + RACE + "/export").then()
                .header("Content-Encoding", "gzip").extract().asByteArray();
        assertEquals(0, verify(Files.write(dir.resolve("bundle.json.gz"), gzipped), listFile).code());

        // one passage moved by a tenth of a second: the digest no longer matches, and the verifier names the crew
        String tampered = Files.readString(bundle).replace(T.plusMillis(60_000 + 11_975).toString(), T.plusMillis(60_000 + 11_875).toString());
        assertNotEquals(Files.readString(bundle), tampered);
        Path changed = Files.writeString(dir.resolve("tampered.json"), tampered);
        Verified result = verify(changed, listFile);
        assertEquals(1, result.code(), result.output());
        assertTrue(result.output().contains("DIFFERS car 2: the list says rank 1, score 3.00, RUNNING; the facts give rank 1, score 13.00, RUNNING"),
                result.output());
        assertTrue(result.output().contains("MISMATCH the list was computed from facts with digest " + digest), result.output());

        // what is not a list is said to be so (exit 2), never read as a list of no crews
        Path problem = Files.writeString(dir.resolve("problem.json"), given().queryParam("asOf", "yesterday")
                .get("/api/races/" + RACE + "/standings").then().statusCode(400).extract().asString());
        Verified refused = verify(bundle, problem);
        assertEquals(2, refused.code(), refused.output());
        assertTrue(refused.output().contains("problem.json is an error the service answered (400 "), refused.output());
        Path page = Files.writeString(dir.resolve("page.html"), given().get("/").then().statusCode(200).extract().asString());
        assertEquals(2, verify(bundle, page).code());
        assertTrue(verify(bundle, page).output().contains("page.html is a web page, not a list"), verify(bundle, page).output());
        // a list longer than a JSON page: the CSV holds it whole
        Path cut = Files.writeString(dir.resolve("cut.json"), list.asString().replace("\"total\":3", "\"total\":1260"));
        Verified partial = verify(bundle, cut);
        assertEquals(2, partial.code(), partial.output());
        assertTrue(partial.output().contains("the list holds 3 of its 1260 crews: a JSON page stops at 500, so verify it from the CSV"),
                partial.output());
    }

    @Test
    void aListAsOfNowIsTheLiveListAndAsOfBeforeARulingIsWithoutIt() throws Exception {
        race3();
        String live = "/api/races/" + RACE + "/standings";
        Map<String, Object> now = given().get(live).then().statusCode(200).extract().path("$");
        Map<String, Object> replayed = given().queryParam("asOf", Instant.now().toString()).get(live).then().statusCode(200)
                .extract().path("$");
        assertEquals(now.get("entries"), replayed.get("entries"));
        assertEquals(now.get("digest"), replayed.get("digest"));

        Instant before = Instant.now();
        Thread.sleep(20);
        given().header("Authorization", RealServers.raceDirection()).contentType(ContentType.JSON)
                .body("{\"type\": \"STEWARD_PENALTY\", \"car\": 3, \"trial\": \"PC1\", \"points\": 50, \"reason\": \"speeding in the village\"}")
                .post("/api/races/" + RACE + "/rulings").then().statusCode(201);
        awaitTrue(() -> !now.get("digest").equals(given().get(live).path("digest")));
        List<Map<String, Object>> withRuling = given().get(live).path("entries");
        List<Map<String, Object>> withoutRuling = given().queryParam("asOf", before.toString()).get(live).path("entries");
        assertEquals(now.get("entries"), withoutRuling);
        assertEquals(67.0f, score(withoutRuling, 3), 0.001); // PC1: 50 cs × 1.34
        assertEquals(134.0f, score(withRuling, 3), 0.001); // and the steward's 50 × 1.34
        given().queryParam("asOf", before.toString()).get("/api/races/" + RACE + "/crews/3/results").then()
                .body("trials.findAll { it.type == 'STEWARD' }", hasSize(0));
        given().get("/api/races/" + RACE + "/crews/3/results").then()
                .body("trials.find { it.type == 'STEWARD' }.rulings[0].reason", equalTo("speeding in the village"))
                .body("trials[0].rulings[0].type", equalTo("STEWARD_PENALTY"));
        // asking again with the same facts gives the same digest; the replay of now after the ruling is the live list
        Map<String, Object> after = given().get(live).then().extract().path("$");
        Map<String, Object> afterReplayed = given().queryParam("asOf", Instant.now().toString()).get(live).then().extract().path("$");
        assertEquals(after.get("digest"), afterReplayed.get("digest"));
        assertEquals(after.get("entries"), afterReplayed.get("entries"));
    }

    @Test
    void afterTrialCountsOnlyTheTrialsUpToIt() {
        race3();
        List<Map<String, Object>> afterPc1 = given().queryParam("afterTrial", "PC1").get("/api/races/" + RACE + "/standings").then()
                .statusCode(200).body("afterTrial", equalTo("PC1")).body("asOfTrial", equalTo("PC1")).extract().path("entries");
        assertEquals(3.0f, score(afterPc1, 1), 0.001);
        assertEquals(3.0f, score(afterPc1, 2), 0.001);
        given().queryParam("afterTrial", "PC9").get("/api/races/" + RACE + "/standings").then().statusCode(400)
                .body("errors[0].field", equalTo("afterTrial"));
        given().queryParam("asOf", "yesterday").get("/api/races/" + RACE + "/standings").then().statusCode(400)
                .body("errors[0].field", equalTo("asOf"));
        given().queryParam("asOf", "2024-06-11T08:00:00Z").get("/api/races/" + RACE + "/standings/stream").then().statusCode(400);
    }

    @Test
    void aDashboardOnAnotherOriginReadsTheListAndItsDigestAndWritesStillNeedAToken() {
        race3();
        given().header("Origin", "https://live.example.org").get("/api/races/" + RACE + "/standings").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://live.example.org")
                .header("Access-Control-Expose-Headers", org.hamcrest.Matchers.containsString("X-Results-Digest"));
        // a write from elsewhere gets past CORS but not past security: it needs race direction's token
        given().header("Origin", "https://live.example.org").contentType(ContentType.JSON)
                .body("{\"car\": 2, \"ruling\": {\"type\": \"STEWARD_PENALTY\", \"points\": 10}}")
                .post("/api/races/" + RACE + "/preview").then().statusCode(401);
        int port = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        given().header("Origin", "http://localhost:" + port).header("Authorization", RealServers.raceDirection())
                .contentType(ContentType.JSON).body("{\"car\": 2, \"ruling\": {\"type\": \"STEWARD_PENALTY\", \"points\": 10}}")
                .post("/api/races/" + RACE + "/preview").then().statusCode(200);
    }

    static float score(List<Map<String, Object>> entries, int car) {
        return entries.stream().filter(e -> ((Number) e.get("car")).intValue() == car).findFirst()
                .map(e -> ((Number) e.get("score")).floatValue()).orElseThrow();
    }

    record Verified(int code, String output) {
    }

    static Verified verify(Path bundle, Path list, String... rest) {
        return run(java.util.stream.Stream.concat(java.util.stream.Stream.of(bundle.toString(), list.toString()),
                java.util.Arrays.stream(rest)).toArray(String[]::new));
    }

    static Verified run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = new VerifyResults(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(args);
        return new Verified(code, bytes.toString(StandardCharsets.UTF_8));
    }
}
